ALTER TABLE accounts ADD COLUMN meta json;
