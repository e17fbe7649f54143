BEGIN;
--
-- Alter field alias on author
--
ALTER TABLE "shop_author" ALTER COLUMN "alias" SET NOT NULL;
COMMIT;
