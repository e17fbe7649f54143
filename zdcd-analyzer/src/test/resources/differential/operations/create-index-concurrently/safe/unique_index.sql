CREATE UNIQUE INDEX CONCURRENTLY orders_code_idx ON orders (code);
