-- expect: add-column-not-null-without-default
ALTER TABLE users ADD COLUMN bio text NOT NULL;
