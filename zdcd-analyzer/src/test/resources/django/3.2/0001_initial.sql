BEGIN;
--
-- Create model Author
--
CREATE TABLE "shop_author" ("id" bigserial NOT NULL PRIMARY KEY, "name" varchar(100) NOT NULL, "age" integer NULL);
--
-- Create model Book
--
CREATE TABLE "shop_book" ("id" bigserial NOT NULL PRIMARY KEY, "title" varchar(200) NOT NULL, "author_id" bigint NOT NULL);
ALTER TABLE "shop_book" ADD CONSTRAINT "shop_book_author_id_82b8ab51_fk_shop_author_id" FOREIGN KEY ("author_id") REFERENCES "shop_author" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "shop_book_author_id_82b8ab51" ON "shop_book" ("author_id");
COMMIT;
