-- expect: concurrently-in-transaction
BEGIN;
DROP INDEX CONCURRENTLY users_email;
COMMIT;
