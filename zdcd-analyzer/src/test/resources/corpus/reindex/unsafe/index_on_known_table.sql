-- schema: CREATE TABLE users (id bigserial PRIMARY KEY, email text);
-- schema: CREATE INDEX users_email_idx ON users (email);
-- ShareLock on users (writes wait), AccessExclusiveLock on the index (reads that plan with it wait)
REINDEX INDEX users_email_idx;
