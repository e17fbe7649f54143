-- schema: CREATE TABLE ck (id int, v varchar(10) CHECK (length(v) > 0));
ALTER TABLE ck ALTER COLUMN v TYPE varchar(20);
