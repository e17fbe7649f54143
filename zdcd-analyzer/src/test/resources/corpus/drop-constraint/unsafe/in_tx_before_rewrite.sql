-- expect: alter-column-type
BEGIN;
ALTER TABLE users DROP CONSTRAINT age_pos;
ALTER TABLE users ALTER COLUMN age TYPE numeric;
COMMIT;
