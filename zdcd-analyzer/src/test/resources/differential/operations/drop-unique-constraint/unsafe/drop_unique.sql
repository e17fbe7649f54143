ALTER TABLE accounts DROP CONSTRAINT accounts_name_key;
