-- expect: not-allowed-in-transaction
-- pg: 11
BEGIN;
ALTER TYPE mood ADD VALUE 'meh';
COMMIT;
