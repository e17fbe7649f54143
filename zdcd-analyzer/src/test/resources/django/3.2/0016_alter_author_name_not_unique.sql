BEGIN;
--
-- Alter field name on author
--
ALTER TABLE "shop_author" DROP CONSTRAINT "shop_author_name_0200c809_uniq";
DROP INDEX IF EXISTS "shop_author_name_0200c809_like";
COMMIT;
