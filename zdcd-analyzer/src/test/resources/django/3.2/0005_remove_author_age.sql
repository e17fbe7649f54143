BEGIN;
--
-- Remove field age from author
--
ALTER TABLE "shop_author" DROP COLUMN "age" CASCADE;
COMMIT;
