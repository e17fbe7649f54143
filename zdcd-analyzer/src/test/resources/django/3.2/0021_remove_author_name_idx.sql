BEGIN;
--
-- Remove index author_name_idx from author
--
DROP INDEX IF EXISTS "author_name_idx";
COMMIT;
