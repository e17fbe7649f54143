ALTER INDEX "app_author_name_idx" RENAME TO "app_author_nm_idx";
