BEGIN;
ALTER TABLE items ADD COLUMN note text;
CALL recompute_items();
COMMIT;
