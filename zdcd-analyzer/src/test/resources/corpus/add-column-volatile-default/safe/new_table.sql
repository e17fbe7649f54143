-- expect: add-column
CREATE TABLE t (id int);
ALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid();
