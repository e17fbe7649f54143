BEGIN;
--
-- Add field status to order
--
ALTER TABLE "shop_order" ADD COLUMN "status" varchar(20) DEFAULT 'new' NOT NULL;
ALTER TABLE "shop_order" ALTER COLUMN "status" DROP DEFAULT;
CREATE INDEX "shop_order_status_c9fc5d57" ON "shop_order" ("status");
CREATE INDEX "shop_order_status_c9fc5d57_like" ON "shop_order" ("status" varchar_pattern_ops);
COMMIT;
