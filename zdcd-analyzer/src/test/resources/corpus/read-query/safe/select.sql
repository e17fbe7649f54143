SELECT setval('users_id_seq', (SELECT max(id) FROM users));
SELECT count(*) FROM users;
SHOW lock_timeout;
