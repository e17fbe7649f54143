-- expect: add-column
CREATE TABLE t (a int);
ALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a * 2) STORED;
