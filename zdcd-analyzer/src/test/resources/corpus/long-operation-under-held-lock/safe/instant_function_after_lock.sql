-- schema: CREATE TABLE items (id bigserial PRIMARY KEY, name text);
-- schema: CREATE FUNCTION refresh_item_cache() RETURNS void LANGUAGE sql AS 'SELECT 1';
-- schema: CREATE PROCEDURE recompute_items() LANGUAGE sql AS 'SELECT 1';
-- expect: read-query
-- instant built-ins after the lock are not long operations
BEGIN;
ALTER TABLE items ADD COLUMN note text;
SELECT set_config('lock_timeout', '2s', true), now(), current_setting('TimeZone');
COMMIT;
