--
-- Raw SQL operation: make shop_order.total NOT NULL without a long lock (the CHECK ... NOT VALID recipe)
--
BEGIN;
ALTER TABLE "shop_order" ADD CONSTRAINT "shop_order_total_not_null" CHECK ("total" IS NOT NULL) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE "shop_order" VALIDATE CONSTRAINT "shop_order_total_not_null";
COMMIT;
BEGIN;
ALTER TABLE "shop_order" ALTER COLUMN "total" SET NOT NULL;
ALTER TABLE "shop_order" DROP CONSTRAINT "shop_order_total_not_null";
COMMIT;
