-- expect: unsupported-on-version
-- pg: 11
REINDEX INDEX CONCURRENTLY users_email;
