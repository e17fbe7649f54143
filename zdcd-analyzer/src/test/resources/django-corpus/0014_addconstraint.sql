BEGIN;
--
-- Create constraint book_rating_gte_0 on model book
--
ALTER TABLE "shop_book" ADD CONSTRAINT "book_rating_gte_0" CHECK ("rating" >= 0);
COMMIT;
