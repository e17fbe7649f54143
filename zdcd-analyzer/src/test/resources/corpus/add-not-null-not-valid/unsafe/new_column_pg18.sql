-- pg: 18
-- schema: CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL);
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders ADD CONSTRAINT orders_note_nn NOT NULL note NOT VALID;
