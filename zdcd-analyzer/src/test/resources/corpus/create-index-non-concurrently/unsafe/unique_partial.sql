CREATE UNIQUE INDEX "uniq_active_email" ON "app_author" ("email") WHERE "active";
