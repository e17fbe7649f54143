-- expect: data-change
CREATE TABLE t (a int);
UPDATE t SET a = 1;
