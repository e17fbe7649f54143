BEGIN;
--
-- Create constraint unique_name_rank on model author
--
ALTER TABLE "shop_author" ADD CONSTRAINT "unique_name_rank" UNIQUE ("name", "rank");
COMMIT;
