-- schema: CREATE TABLE items (id bigserial PRIMARY KEY, name text);
-- schema: CREATE FUNCTION refresh_item_cache() RETURNS void LANGUAGE sql AS 'SELECT 1';
-- schema: CREATE PROCEDURE recompute_items() LANGUAGE sql AS 'SELECT 1';
-- issue 12: during the migrate, 8 of 12 reads of items were cancelled (implicit transaction, as runners run a file)
ALTER TABLE items ADD COLUMN note text;
SELECT pg_sleep(0.05);
