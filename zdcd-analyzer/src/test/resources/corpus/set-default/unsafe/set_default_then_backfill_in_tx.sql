-- expect: long-operation-under-held-lock
BEGIN;
ALTER TABLE users ALTER COLUMN age SET DEFAULT 0;
UPDATE users SET age = 0 WHERE age IS NULL;
COMMIT;
