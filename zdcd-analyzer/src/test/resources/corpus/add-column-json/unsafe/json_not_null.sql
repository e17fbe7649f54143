-- expect: add-column-not-null-without-default
ALTER TABLE users ADD COLUMN meta json NOT NULL;
