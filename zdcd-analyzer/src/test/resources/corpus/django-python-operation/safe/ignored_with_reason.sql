-- schema: CREATE TABLE shop_book (id bigserial PRIMARY KEY, rating varchar(10));
BEGIN;
-- zdcd:ignore django-python-operation: sets 12 feature flags, no table scan
--
-- Raw Python operation
--
-- THIS OPERATION CANNOT BE WRITTEN AS SQL
COMMIT;
