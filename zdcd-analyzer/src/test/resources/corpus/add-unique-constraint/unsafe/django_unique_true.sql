ALTER TABLE "app_author" ADD CONSTRAINT "app_author_name_3e5a9a1b_uniq" UNIQUE ("name");
