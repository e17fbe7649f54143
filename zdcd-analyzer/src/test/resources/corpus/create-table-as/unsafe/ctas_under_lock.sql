-- expect: long-operation-under-held-lock
BEGIN;
ALTER TABLE users ADD COLUMN x int;
CREATE TABLE users_copy AS SELECT * FROM users;
COMMIT;
