BEGIN;
--
-- Create constraint unique_active_name on model author
--
CREATE UNIQUE INDEX "unique_active_name" ON "shop_author" ("name") WHERE "rank" > 0;
COMMIT;
