-- expect: long-operation-under-held-lock
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
COMMIT;
