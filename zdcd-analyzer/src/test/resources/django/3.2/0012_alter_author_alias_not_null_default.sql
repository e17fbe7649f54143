BEGIN;
--
-- Alter field alias on author
--
ALTER TABLE "shop_author" ALTER COLUMN "alias" SET DEFAULT 'anon';
UPDATE "shop_author" SET "alias" = 'anon' WHERE "alias" IS NULL;
ALTER TABLE "shop_author" ALTER COLUMN "alias" SET NOT NULL;
ALTER TABLE "shop_author" ALTER COLUMN "alias" DROP DEFAULT;
COMMIT;
