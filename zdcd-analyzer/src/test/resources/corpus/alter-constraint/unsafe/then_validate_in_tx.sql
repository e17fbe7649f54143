-- expect: long-operation-under-held-lock
BEGIN;
ALTER TABLE orders ALTER CONSTRAINT orders_user_fk DEFERRABLE;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
COMMIT;
