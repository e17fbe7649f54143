-- expect: alter-column-type
-- schema: CREATE TABLE ev (at timestamp);
ALTER TABLE ev ALTER COLUMN at TYPE timestamptz;
