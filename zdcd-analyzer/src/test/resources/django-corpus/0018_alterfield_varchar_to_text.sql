BEGIN;
--
-- Alter field title on book
--
DROP INDEX IF EXISTS "shop_book_title_1f19d72a_like";
ALTER TABLE "shop_book" ALTER COLUMN "title" TYPE text USING "title"::text;
COMMIT;
