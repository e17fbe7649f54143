SET lock_timeout = '2s';
SET statement_timeout TO '5min';
SET CONSTRAINTS ALL IMMEDIATE;
RESET ALL;
