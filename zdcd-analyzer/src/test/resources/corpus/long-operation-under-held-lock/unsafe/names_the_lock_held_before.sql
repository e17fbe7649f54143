-- schema: CREATE TABLE users (id bigint PRIMARY KEY, email text);
-- schema: CREATE INDEX users_email_idx ON users (email);
-- The finding names the lock held BEFORE the CLUSTER (ShareLock from LOCK TABLE), not the one CLUSTER then takes.
BEGIN;
LOCK TABLE users IN SHARE MODE;
CLUSTER users USING users_email_idx;
COMMIT;
