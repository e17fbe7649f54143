-- expect: drop-identity-or-expression
-- pg: 13
ALTER TABLE users ALTER COLUMN lower_email DROP EXPRESSION;
