-- runner: autocommit
-- Django 4.1+ sqlmigrate output of an atomic = False migration ending with a RunPython (no statement after it)
--
-- Add field note to book
--
ALTER TABLE "shop_book" ADD COLUMN "note" text NULL;
--
-- Raw Python operation
--
-- THIS OPERATION CANNOT BE WRITTEN AS SQL
