ALTER TABLE "app_author" ADD COLUMN "rank" integer NOT NULL;
