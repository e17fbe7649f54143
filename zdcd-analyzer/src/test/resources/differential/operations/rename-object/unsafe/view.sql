ALTER VIEW active_accounts RENAME TO live_accounts;
