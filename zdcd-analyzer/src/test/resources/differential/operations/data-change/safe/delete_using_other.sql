DELETE FROM orders o USING accounts a WHERE o.id = 1 AND a.id = o.account_id;
