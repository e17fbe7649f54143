UPDATE accounts SET status = 'active';
