-- expect: add-column
CREATE TABLE t (x int);
ALTER TABLE t ADD COLUMN id bigserial;
