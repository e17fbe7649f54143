-- schema: CREATE TABLE ck (id int, v varchar(10), CONSTRAINT v_len CHECK (length(v) > 0));
ALTER TABLE ck ALTER COLUMN v TYPE text;
