GRANT SELECT ON users TO reporting;
COMMENT ON COLUMN users.email IS 'login';
