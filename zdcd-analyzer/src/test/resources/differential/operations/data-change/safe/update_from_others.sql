UPDATE orders o SET note = a.name FROM accounts a, audit x WHERE o.id = 1 AND a.id = o.account_id AND x.num = o.id;
