ALTER TABLE users ADD COLUMN meta json;
