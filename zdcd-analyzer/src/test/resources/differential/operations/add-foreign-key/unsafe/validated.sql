ALTER TABLE orders ADD CONSTRAINT orders_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES accounts (id);
