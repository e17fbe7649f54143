ALTER TABLE orders ADD CONSTRAINT orders_total_small CHECK (total < 1000000);
