VACUUM users;
ANALYZE users;
