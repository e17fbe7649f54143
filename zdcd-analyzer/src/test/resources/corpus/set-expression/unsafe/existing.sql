ALTER TABLE users ALTER COLUMN lower_email SET EXPRESSION AS (upper(email));
