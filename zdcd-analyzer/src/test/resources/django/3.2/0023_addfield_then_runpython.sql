BEGIN;
--
-- Add field note to book
--
ALTER TABLE "shop_book" ADD COLUMN "note" text NULL;
--
-- MIGRATION NOW PERFORMS OPERATION THAT CANNOT BE WRITTEN AS SQL:
-- Raw Python operation
--
COMMIT;
