-- schema: CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL);
-- the old code's INSERTs get the default, which satisfies the constraint
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';
ALTER TABLE orders ADD CONSTRAINT orders_note_not_null CHECK (note IS NOT NULL) NOT VALID;
