-- expect: drop-column
COMMENT ON COLUMN users.nick IS 'no longer used';
ALTER TABLE users DROP COLUMN nick;
