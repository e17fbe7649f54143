BEGIN;
--
-- Alter field name on author
--
ALTER TABLE "shop_author" ADD CONSTRAINT "shop_author_name_0200c809_uniq" UNIQUE ("name");
CREATE INDEX "shop_author_name_0200c809_like" ON "shop_author" ("name" varchar_pattern_ops);
COMMIT;
