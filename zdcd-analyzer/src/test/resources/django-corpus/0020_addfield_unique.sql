BEGIN;
--
-- Add field isbn to book
--
ALTER TABLE "shop_book" ADD COLUMN "isbn" varchar(13) NULL UNIQUE;
CREATE INDEX "shop_book_isbn_d60b4a22_like" ON "shop_book" ("isbn" varchar_pattern_ops);
COMMIT;
