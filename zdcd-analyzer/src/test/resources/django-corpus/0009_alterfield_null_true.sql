BEGIN;
--
-- Alter field name on author
--
ALTER TABLE "shop_author" ALTER COLUMN "name" DROP NOT NULL;
COMMIT;
