-- schema: CREATE EXTENSION IF NOT EXISTS citext;
-- schema: CREATE TABLE p (id bigint PRIMARY KEY, email citext);
ALTER TABLE p ALTER COLUMN email TYPE text;
