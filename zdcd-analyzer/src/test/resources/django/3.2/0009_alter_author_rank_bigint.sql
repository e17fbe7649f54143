BEGIN;
--
-- Alter field rank on author
--
ALTER TABLE "shop_author" ALTER COLUMN "rank" TYPE bigint USING "rank"::bigint;
COMMIT;
