UPDATE accounts SET status = 'active' WHERE id = 1;
