BEGIN;
--
-- Add field note to order
--
ALTER TABLE "shop_order" ADD COLUMN "note" varchar(200) NULL;
COMMIT;
