ALTER SEQUENCE users_id_seq OWNER TO app;
