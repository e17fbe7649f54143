BEGIN;
--
-- Create index book_pub_rating_idx on field(s) published, rating of model book
--
CREATE INDEX "book_pub_rating_idx" ON "shop_book" ("published", "rating");
COMMIT;
