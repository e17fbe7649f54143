BEGIN;
--
-- Raw SQL operation
--
UPDATE shop_book SET rating = 0 WHERE rating IS NULL;
COMMIT;
