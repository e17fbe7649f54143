BEGIN;
--
-- Alter field title on book
--
CREATE INDEX "shop_book_title_1f19d72a" ON "shop_book" ("title");
CREATE INDEX "shop_book_title_1f19d72a_like" ON "shop_book" ("title" varchar_pattern_ops);
COMMIT;
