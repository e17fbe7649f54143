-- schema: CREATE TABLE items (id bigserial PRIMARY KEY, name text);
-- schema: CREATE FUNCTION refresh_item_cache() RETURNS void LANGUAGE sql AS 'SELECT 1';
-- schema: CREATE PROCEDURE recompute_items() LANGUAGE sql AS 'SELECT 1';
BEGIN;
ALTER TABLE items ADD COLUMN note text;
CALL recompute_items();
COMMIT;
