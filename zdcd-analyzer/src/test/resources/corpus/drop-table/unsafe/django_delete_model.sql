DROP TABLE "app_author" CASCADE;
