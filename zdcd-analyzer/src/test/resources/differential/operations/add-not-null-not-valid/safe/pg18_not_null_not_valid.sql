ALTER TABLE accounts ADD CONSTRAINT accounts_name_nn NOT NULL name NOT VALID;
