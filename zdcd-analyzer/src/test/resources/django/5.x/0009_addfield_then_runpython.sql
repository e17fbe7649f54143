BEGIN;
--
-- Add field note to book
--
ALTER TABLE "shop_book" ADD COLUMN "note" text NULL;
--
-- Raw Python operation
--
-- THIS OPERATION CANNOT BE WRITTEN AS SQL
COMMIT;
