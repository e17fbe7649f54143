-- expect: revoke
REVOKE SELECT ON users FROM app;
