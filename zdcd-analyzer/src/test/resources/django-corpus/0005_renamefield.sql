BEGIN;
--
-- Rename field pages on book to page_count
--
ALTER TABLE "shop_book" RENAME COLUMN "pages" TO "page_count";
COMMIT;
