-- schema: CREATE TABLE p (id bigint PRIMARY KEY, email varchar(100));
-- schema: CREATE INDEX ON p (lower(email));
ALTER TABLE p ALTER COLUMN email TYPE varchar(100) COLLATE "C";
