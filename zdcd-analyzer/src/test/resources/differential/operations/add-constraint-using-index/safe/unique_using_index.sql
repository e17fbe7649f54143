ALTER TABLE accounts ADD CONSTRAINT accounts_email_uniq UNIQUE USING INDEX accounts_email_key;
