BEGIN;
--
-- Alter field name on author
--
ALTER TABLE "shop_author" ALTER COLUMN "name" TYPE varchar(80);
COMMIT;
