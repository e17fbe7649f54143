BEGIN;
--
-- Remove field subtitle from book
--
ALTER TABLE "shop_book" DROP COLUMN "subtitle" CASCADE;
COMMIT;
