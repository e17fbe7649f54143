-- expect: long-operation-under-held-lock
BEGIN;
CREATE TABLE t (id int);
LOCK TABLE users IN SHARE MODE;
INSERT INTO t SELECT id FROM users;
COMMIT;
