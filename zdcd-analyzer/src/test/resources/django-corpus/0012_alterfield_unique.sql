BEGIN;
--
-- Alter field email on author
--
ALTER TABLE "shop_author" ADD CONSTRAINT "shop_author_email_f5000200_uniq" UNIQUE ("email");
CREATE INDEX "shop_author_email_f5000200_like" ON "shop_author" ("email" varchar_pattern_ops);
COMMIT;
