ALTER TABLE accounts SET (fillfactor = 90);
