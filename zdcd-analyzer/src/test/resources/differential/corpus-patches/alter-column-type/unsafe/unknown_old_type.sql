ALTER TABLE users DROP COLUMN lower_email;
