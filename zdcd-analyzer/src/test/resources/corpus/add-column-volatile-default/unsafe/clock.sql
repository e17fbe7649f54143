ALTER TABLE users ADD COLUMN seen timestamptz DEFAULT clock_timestamp() NOT NULL;
