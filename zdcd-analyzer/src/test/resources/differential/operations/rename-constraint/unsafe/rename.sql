ALTER TABLE orders RENAME CONSTRAINT orders_total_positive TO orders_total_nonneg;
