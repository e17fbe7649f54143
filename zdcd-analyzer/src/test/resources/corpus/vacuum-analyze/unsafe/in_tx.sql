-- expect: not-allowed-in-transaction
BEGIN;
VACUUM users;
COMMIT;
