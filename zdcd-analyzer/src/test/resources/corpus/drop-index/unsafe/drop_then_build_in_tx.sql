-- expect: create-index-non-concurrently
BEGIN;
DROP INDEX users_email;
CREATE INDEX users_email2 ON users (email);
COMMIT;
