-- a DEFAULT gives every existing row a value: PostgreSQL validates the foreign key with a scan of app_book
ALTER TABLE app_book ADD COLUMN editor_id bigint DEFAULT 1 REFERENCES app_author (id);
