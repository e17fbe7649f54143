-- expect: long-operation-under-held-lock
BEGIN;
ALTER TABLE users ADD COLUMN x int;
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_sales;
COMMIT;
