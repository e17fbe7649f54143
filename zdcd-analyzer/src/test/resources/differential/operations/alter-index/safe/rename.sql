ALTER INDEX orders_account_id RENAME TO orders_account_idx;
