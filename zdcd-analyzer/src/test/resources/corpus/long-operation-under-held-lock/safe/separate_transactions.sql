-- expect: validate-constraint
BEGIN;
ALTER TABLE users ADD CONSTRAINT age_pos CHECK (age > 0) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE users VALIDATE CONSTRAINT age_pos;
COMMIT;
