ALTER TABLE "app_author" ADD CONSTRAINT "age_gte_0" CHECK ("age" >= 0);
