-- expect: alter-column-type
-- pg: 11
BEGIN;
ALTER INDEX users_email RENAME TO users_email_idx;
ALTER TABLE users ALTER COLUMN id TYPE numeric;
COMMIT;
