ALTER TABLE users ADD COLUMN created timestamptz DEFAULT now();
