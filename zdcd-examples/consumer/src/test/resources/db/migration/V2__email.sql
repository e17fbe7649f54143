ALTER TABLE orders ADD COLUMN email text;
