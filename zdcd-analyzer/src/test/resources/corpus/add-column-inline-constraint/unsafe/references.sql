ALTER TABLE "app_book" ADD COLUMN "editor_id" bigint NULL CONSTRAINT "app_book_editor_id_fk_app_author_id" REFERENCES "app_author"("id") DEFERRABLE INITIALLY DEFERRED;
