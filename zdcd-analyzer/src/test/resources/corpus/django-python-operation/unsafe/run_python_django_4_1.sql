-- schema: CREATE TABLE shop_book (id bigserial PRIMARY KEY, rating varchar(10));
-- Django 4.1+ sqlmigrate output of a migration with only a RunPython: BEGIN/COMMIT alone would look SAFE
BEGIN;
--
-- Raw Python operation
--
-- THIS OPERATION CANNOT BE WRITTEN AS SQL
COMMIT;
