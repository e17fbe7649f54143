CREATE INDEX CONCURRENTLY "app_author_name_idx" ON "app_author" ("name");
