BEGIN;
--
-- Add field editor to book
--
ALTER TABLE "shop_book" ADD COLUMN "editor_id" bigint NULL CONSTRAINT "shop_book_editor_id_71eff3c6_fk_shop_author_id" REFERENCES "shop_author"("id") DEFERRABLE INITIALLY DEFERRED; SET CONSTRAINTS "shop_book_editor_id_71eff3c6_fk_shop_author_id" IMMEDIATE;
CREATE INDEX "shop_book_editor_id_71eff3c6" ON "shop_book" ("editor_id");
COMMIT;
