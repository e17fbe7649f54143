BEGIN;
--
-- Alter field name on author
--
CREATE INDEX "shop_author_name_0200c809" ON "shop_author" ("name");
CREATE INDEX "shop_author_name_0200c809_like" ON "shop_author" ("name" varchar_pattern_ops);
COMMIT;
