-- expect: long-operation-under-held-lock
BEGIN;
ALTER TABLE users ADD COLUMN x int;
UPDATE users SET x = 1 WHERE id = 5;
COMMIT;
