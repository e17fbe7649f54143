-- expect: opaque-code
SELECT format('CREATE INDEX ON %I (id)', tablename) FROM pg_tables \gexec
