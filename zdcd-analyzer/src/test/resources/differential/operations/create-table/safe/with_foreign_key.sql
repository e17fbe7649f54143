CREATE TABLE order_tags (order_id bigint NOT NULL REFERENCES orders (id), tag text NOT NULL);
