-- schema: CREATE TABLE ev (at timestamp);
-- timestamp without a precision keeps 6 digits: timestamp(6) is the same type
ALTER TABLE ev ALTER COLUMN at TYPE timestamp(6);
