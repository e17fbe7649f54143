--
-- Concurrently create index author_name_idx on field(s) name of model author
--
CREATE INDEX CONCURRENTLY "author_name_idx" ON "shop_author" ("name");
