-- expect: not-allowed-in-transaction
BEGIN;
CREATE DATABASE other;
COMMIT;
