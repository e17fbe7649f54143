BEGIN;
-- zdcd:ignore not-allowed-in-transaction the runner executes it outside the transaction
VACUUM users;
COMMIT;
