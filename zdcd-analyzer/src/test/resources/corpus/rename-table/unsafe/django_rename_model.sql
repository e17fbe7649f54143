ALTER TABLE "app_author" RENAME TO "app_writer";
