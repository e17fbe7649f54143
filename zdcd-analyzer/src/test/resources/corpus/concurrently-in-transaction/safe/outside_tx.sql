-- expect: create-index-concurrently
CREATE INDEX CONCURRENTLY users_email ON users (email);
DROP INDEX CONCURRENTLY old_idx;
