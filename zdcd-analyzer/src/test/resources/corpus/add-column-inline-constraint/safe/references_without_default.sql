-- Django AddField(ForeignKey(null=True)): the new column holds only NULLs, so PostgreSQL skips the validation scan
-- and marks the foreign key valid (a brief AccessExclusiveLock here, ShareRowExclusiveLock on app_author)
ALTER TABLE "app_book" ADD COLUMN "editor_id" bigint NULL CONSTRAINT "app_book_editor_id_fk_app_author_id" REFERENCES "app_author"("id") DEFERRABLE INITIALLY DEFERRED;
