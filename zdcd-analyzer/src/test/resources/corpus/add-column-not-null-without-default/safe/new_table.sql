-- expect: add-column
CREATE TABLE t (id int);
ALTER TABLE t ADD COLUMN c int NOT NULL;
