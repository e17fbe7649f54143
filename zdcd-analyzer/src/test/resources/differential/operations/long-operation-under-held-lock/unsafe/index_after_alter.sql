BEGIN;
ALTER TABLE accounts ADD COLUMN nickname text;
CREATE INDEX accounts_status_idx ON accounts (status);
COMMIT;
