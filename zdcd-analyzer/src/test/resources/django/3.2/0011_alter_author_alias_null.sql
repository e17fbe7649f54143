BEGIN;
--
-- Alter field alias on author
--
ALTER TABLE "shop_author" ALTER COLUMN "alias" DROP NOT NULL;
COMMIT;
