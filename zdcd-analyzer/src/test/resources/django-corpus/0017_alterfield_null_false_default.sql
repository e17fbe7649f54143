BEGIN;
--
-- Alter field name on author
--
ALTER TABLE "shop_author" ALTER COLUMN "name" SET DEFAULT 'anonymous';
UPDATE "shop_author" SET "name" = 'anonymous' WHERE "name" IS NULL;
ALTER TABLE "shop_author" ALTER COLUMN "name" SET NOT NULL;
ALTER TABLE "shop_author" ALTER COLUMN "name" DROP DEFAULT;
COMMIT;
