-- schema: CREATE TABLE items (id bigserial PRIMARY KEY, name text);
-- schema: CREATE FUNCTION refresh_item_cache() RETURNS void LANGUAGE sql AS 'SELECT 1';
-- schema: CREATE PROCEDURE recompute_items() LANGUAGE sql AS 'SELECT 1';
-- expect: read-query
-- no lock held: a sleep blocks nobody
SELECT pg_sleep(0.05);
ALTER TABLE items ADD COLUMN note text;
