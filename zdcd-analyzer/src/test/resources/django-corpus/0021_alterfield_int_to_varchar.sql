BEGIN;
--
-- Alter field rating on book
--
ALTER TABLE "shop_book" ALTER COLUMN "rating" TYPE varchar(10) USING "rating"::varchar(10);
COMMIT;
