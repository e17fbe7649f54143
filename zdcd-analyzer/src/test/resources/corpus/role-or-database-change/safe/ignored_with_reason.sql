-- expect: role-or-database-change
-- zdcd:ignore role-or-database-change the reporting role is not the app's
ALTER ROLE reporting SET statement_timeout = '5min';
