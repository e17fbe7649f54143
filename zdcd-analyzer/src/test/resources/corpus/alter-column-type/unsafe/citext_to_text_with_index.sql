-- no table rewrite (the cast is binary), but the unique index on email is rebuilt under AccessExclusiveLock
-- schema: CREATE EXTENSION IF NOT EXISTS citext;
-- schema: CREATE TABLE p (id bigint PRIMARY KEY, email citext UNIQUE);
ALTER TABLE p ALTER COLUMN email TYPE text;
