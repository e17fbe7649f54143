ALTER TABLE accounts ADD COLUMN age integer CHECK (age > 0);
