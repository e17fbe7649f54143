BEGIN;
--
-- Alter field email on author
--
ALTER TABLE "shop_author" ALTER COLUMN "email" SET NOT NULL;
COMMIT;
