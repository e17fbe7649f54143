-- pg: 14.2
CREATE INDEX CONCURRENTLY i ON users (email);
