-- schema: CREATE TABLE users (id bigserial PRIMARY KEY);
-- schema: CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL);
DO $$ BEGIN
    ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
EXCEPTION
    WHEN duplicate_object THEN null;
END $$;
