-- schema: CREATE TABLE users (id bigint NOT NULL PRIMARY KEY, email varchar(100) NOT NULL, name text, age int, nick varchar(20));
ALTER TABLE users ALTER COLUMN name DROP DEFAULT;
