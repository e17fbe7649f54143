ALTER TABLE "app_author" DROP CONSTRAINT "app_author_name_3e5a9a1b_uniq";
