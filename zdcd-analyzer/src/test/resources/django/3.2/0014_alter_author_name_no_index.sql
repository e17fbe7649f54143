BEGIN;
--
-- Alter field name on author
--
DROP INDEX IF EXISTS "shop_author_name_0200c809";
DROP INDEX IF EXISTS "shop_author_name_0200c809_like";
COMMIT;
