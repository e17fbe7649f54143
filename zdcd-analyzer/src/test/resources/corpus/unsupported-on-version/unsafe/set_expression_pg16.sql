-- pg: 16
ALTER TABLE users ALTER COLUMN lower_email SET EXPRESSION AS (lower(email));
