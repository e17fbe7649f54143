ALTER TABLE "app_author" DROP CONSTRAINT "age_gte_0";
