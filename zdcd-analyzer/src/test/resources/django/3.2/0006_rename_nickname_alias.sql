BEGIN;
--
-- Rename field nickname on author to alias
--
ALTER TABLE "shop_author" RENAME COLUMN "nickname" TO "alias";
COMMIT;
