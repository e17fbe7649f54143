-- expect: set-not-null
ALTER TABLE users ALTER COLUMN name DROP NOT NULL, ALTER COLUMN age SET NOT NULL;
