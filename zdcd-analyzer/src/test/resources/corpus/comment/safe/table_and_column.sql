COMMENT ON TABLE users IS 'people who log in';
COMMENT ON COLUMN users.email IS 'login';
