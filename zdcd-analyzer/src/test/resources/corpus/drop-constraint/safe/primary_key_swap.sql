-- schema: CREATE TABLE orders (id bigint NOT NULL, new_id bigint NOT NULL);
-- schema: ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
-- schema: CREATE UNIQUE INDEX orders_new_id_idx ON orders (new_id);
-- the documented swap: the table is never without a primary key
ALTER TABLE orders DROP CONSTRAINT orders_pkey, ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_new_id_idx;
