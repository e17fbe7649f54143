BEGIN;
--
-- Alter field page_count on book
--
ALTER TABLE "shop_book" ALTER COLUMN "page_count" TYPE bigint USING "page_count"::bigint;
COMMIT;
