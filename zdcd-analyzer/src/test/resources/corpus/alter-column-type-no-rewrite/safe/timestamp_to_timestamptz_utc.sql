-- schema: CREATE TABLE ev (at timestamp);
SET TIME ZONE 'UTC';
ALTER TABLE ev ALTER COLUMN at TYPE timestamptz;
