BEGIN;
--
-- Alter field title on book
--
ALTER TABLE "shop_book" ALTER COLUMN "title" TYPE varchar(200);
COMMIT;
