BEGIN;
--
-- Add field rank to author
--
ALTER TABLE "shop_author" ADD COLUMN "rank" integer DEFAULT 0 NOT NULL;
COMMIT;
