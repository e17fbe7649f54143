UPDATE "app_author" SET "nick" = 'x' WHERE "nick" IS NULL;
