BEGIN;
--
-- Add field rating to book
--
ALTER TABLE "shop_book" ADD COLUMN "rating" integer DEFAULT 0 NOT NULL;
ALTER TABLE "shop_book" ALTER COLUMN "rating" DROP DEFAULT;
COMMIT;
