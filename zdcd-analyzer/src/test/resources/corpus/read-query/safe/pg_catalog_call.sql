-- pg_catalog functions are judged by their name, as unqualified calls are.
SELECT pg_catalog.now(), pg_catalog.count(*) FROM users;
SELECT pg_catalog.set_config('app.mode', 'on', false);
