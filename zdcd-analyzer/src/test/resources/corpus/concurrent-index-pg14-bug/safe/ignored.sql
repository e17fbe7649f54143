-- pg: 14.1
-- zdcd:ignore concurrent-index-pg14-bug server patched with the fix
CREATE INDEX CONCURRENTLY i ON users (email);
