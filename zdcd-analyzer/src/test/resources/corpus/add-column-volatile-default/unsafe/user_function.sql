ALTER TABLE users ADD COLUMN code text DEFAULT make_code();
