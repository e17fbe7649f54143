REINDEX INDEX orders_account_id;
