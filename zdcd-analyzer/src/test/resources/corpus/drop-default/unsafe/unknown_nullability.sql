-- expect: drop-default-not-null
ALTER TABLE users ALTER COLUMN name DROP DEFAULT;
