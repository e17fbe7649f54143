ALTER TABLE orders ADD CONSTRAINT orders_code_excl EXCLUDE USING btree (code WITH =);
