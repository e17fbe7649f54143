BEGIN;
ALTER TABLE flags ADD COLUMN note text;
-- zdcd:ignore long-operation-under-held-lock flags has 12 rows
-- zdcd:ignore unbatched-data-change flags has 12 rows
UPDATE flags SET note = 'x' WHERE id = 1 OR note IS NULL;
COMMIT;
