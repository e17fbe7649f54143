-- expect: opaque-code
SELECT pg_terminate_backend(pid) FROM pg_stat_activity;
