-- schema: CREATE TABLE shop_book (id bigserial PRIMARY KEY, rating varchar(10));
-- expect: data-change
-- a migration whose data change is written as RunSQL is judged statement by statement (no marker)
BEGIN;
--
-- Raw SQL operation
--
UPDATE shop_book SET rating = '0' WHERE id = 7;
COMMIT;
