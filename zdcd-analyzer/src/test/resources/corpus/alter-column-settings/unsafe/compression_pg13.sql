-- expect: unsupported-on-version
-- pg: 13
ALTER TABLE users ALTER COLUMN bio SET COMPRESSION lz4;
