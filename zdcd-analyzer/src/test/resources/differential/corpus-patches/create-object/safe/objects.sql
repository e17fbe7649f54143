DROP TYPE mood; DROP VIEW active_users; DROP SCHEMA reporting;
