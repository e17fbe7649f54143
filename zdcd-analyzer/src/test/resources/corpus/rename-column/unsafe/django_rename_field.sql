ALTER TABLE "app_author" RENAME COLUMN "nick" TO "alias";
