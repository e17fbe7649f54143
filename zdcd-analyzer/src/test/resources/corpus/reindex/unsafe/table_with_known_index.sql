-- schema: CREATE TABLE users (id bigint, email text);
-- schema: CREATE INDEX users_email_idx ON users (email);
REINDEX TABLE users;
