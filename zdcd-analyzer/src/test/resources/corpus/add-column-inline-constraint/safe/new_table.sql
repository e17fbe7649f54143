-- expect: add-column
CREATE TABLE t (id int);
ALTER TABLE t ADD COLUMN u bigint REFERENCES users (id);
