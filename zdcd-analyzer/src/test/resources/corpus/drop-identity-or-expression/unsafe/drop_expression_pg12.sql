-- expect: unsupported-on-version
-- pg: 12
ALTER TABLE users ALTER COLUMN lower_email DROP EXPRESSION;
