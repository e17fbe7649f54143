DROP VIEW active_users;
