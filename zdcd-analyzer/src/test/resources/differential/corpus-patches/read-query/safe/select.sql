CREATE SEQUENCE users_id_seq;
