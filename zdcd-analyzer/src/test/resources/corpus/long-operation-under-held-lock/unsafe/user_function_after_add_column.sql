BEGIN;
ALTER TABLE items ADD COLUMN note text;
SELECT refresh_item_cache();
COMMIT;
