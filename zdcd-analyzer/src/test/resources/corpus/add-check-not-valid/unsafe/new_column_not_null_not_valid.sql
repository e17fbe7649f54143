-- schema: CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL);
-- NOT VALID skips the existing rows, never new writes: the old code does not write note, its INSERTs fail at once
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders ADD CONSTRAINT orders_note_not_null CHECK (note IS NOT NULL) NOT VALID;
