-- schema: CREATE DOMAIN positive_int AS int;
-- schema: CREATE TABLE stock (id bigserial PRIMARY KEY, qty positive_int);
-- schema: ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;
-- unlike a table's VALIDATE CONSTRAINT, a domain's scans every table using it under ShareLock (writes blocked)
ALTER DOMAIN positive_int VALIDATE CONSTRAINT positive;
