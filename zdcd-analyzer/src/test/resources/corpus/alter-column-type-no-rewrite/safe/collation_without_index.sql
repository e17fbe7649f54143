-- binary-coercible with a new collation: only the column's indexes would be rebuilt, and it has none
-- schema: CREATE TABLE p (id bigint PRIMARY KEY, email varchar(100));
ALTER TABLE p ALTER COLUMN email TYPE varchar(200) COLLATE "C";
