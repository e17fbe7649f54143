-- expect: long-operation-under-held-lock
BEGIN;
LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE;
UPDATE users SET name = 'x' WHERE id < 1000;
COMMIT;
