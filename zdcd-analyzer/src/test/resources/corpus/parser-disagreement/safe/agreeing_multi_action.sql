-- expect: add-column
ALTER TABLE users ADD COLUMN a text DEFAULT 'x', ADD COLUMN b int;
