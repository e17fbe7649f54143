-- expect: create-index-concurrently
-- pg: 14.4
CREATE INDEX CONCURRENTLY i ON users (email);
