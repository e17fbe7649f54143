ALTER TABLE "app_author" ADD CONSTRAINT "age_lt_200" CHECK ("age" < 200) NOT VALID;
ALTER TABLE "app_author" DROP CONSTRAINT "age_lt_200";
