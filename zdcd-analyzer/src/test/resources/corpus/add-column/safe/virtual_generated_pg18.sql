-- pg: 18
ALTER TABLE users ADD COLUMN lower_email text GENERATED ALWAYS AS (lower(email));
