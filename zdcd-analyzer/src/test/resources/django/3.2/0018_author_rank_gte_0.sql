BEGIN;
--
-- Create constraint rank_gte_0 on model author
--
ALTER TABLE "shop_author" ADD CONSTRAINT "rank_gte_0" CHECK ("rank" >= 0);
COMMIT;
