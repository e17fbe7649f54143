BEGIN;
ALTER TABLE "app_author" ALTER COLUMN "nick" SET DEFAULT 'x';
UPDATE "app_author" SET "nick" = 'x' WHERE "id" IN (1, 2);
COMMIT;
