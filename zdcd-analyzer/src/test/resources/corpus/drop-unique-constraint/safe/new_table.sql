-- expect: drop-constraint
CREATE TABLE t (a int CONSTRAINT t_a_key UNIQUE);
ALTER TABLE t DROP CONSTRAINT t_a_key;
