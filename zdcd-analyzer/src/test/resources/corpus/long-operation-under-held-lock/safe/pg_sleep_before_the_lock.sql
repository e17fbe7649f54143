-- expect: read-query
-- no lock held: a sleep blocks nobody
SELECT pg_sleep(1);
ALTER TABLE items ADD COLUMN note text;
