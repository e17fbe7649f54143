ALTER TABLE accounts ALTER COLUMN status TYPE integer USING length(status);
