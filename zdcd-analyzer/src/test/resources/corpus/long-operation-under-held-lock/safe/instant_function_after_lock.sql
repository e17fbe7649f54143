-- expect: read-query
-- instant built-ins after the lock are not long operations
BEGIN;
ALTER TABLE items ADD COLUMN note text;
SELECT set_config('lock_timeout', '2s', true), now(), current_setting('TimeZone');
COMMIT;
