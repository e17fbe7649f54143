-- schema: CREATE TABLE shop_book (id bigserial PRIMARY KEY, rating varchar(10));
-- Django 3.2 sqlmigrate output of AddField + RunPython: the Python runs under the ADD COLUMN's AccessExclusiveLock
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
