BEGIN;
--
-- Add field subtitle to book
--
ALTER TABLE "shop_book" ADD COLUMN "subtitle" varchar(100) NULL;
COMMIT;
