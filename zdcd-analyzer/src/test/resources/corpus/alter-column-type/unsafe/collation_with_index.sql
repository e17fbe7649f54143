-- no table rewrite, but the index on email is rebuilt under AccessExclusiveLock
-- schema: CREATE TABLE p (id bigint PRIMARY KEY, email varchar(100));
-- schema: CREATE INDEX p_email ON p (email);
ALTER TABLE p ALTER COLUMN email TYPE varchar(200) COLLATE "C";
