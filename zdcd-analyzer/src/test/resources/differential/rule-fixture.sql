-- The schema the operations corpus (operations/<rule-id>/{safe,unsafe}/*.sql) works on. DifferentialTest applies it
-- as schema history before each case, then LockTracer adds 100 generated rows to every table a case names.
CREATE TABLE accounts (
    id bigserial PRIMARY KEY,
    email varchar(100) NOT NULL,
    name text,
    balance integer NOT NULL DEFAULT 0,
    status text,
    created_at timestamptz NOT NULL DEFAULT now(),
    data json
);
CREATE UNIQUE INDEX accounts_email_key ON accounts (email);
ALTER TABLE accounts ADD CONSTRAINT accounts_name_key UNIQUE (name);
CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    reviewer_id bigint,
    total integer NOT NULL,
    total_x2 integer GENERATED ALWAYS AS (total * 2) STORED,
    note varchar(50),
    code char(8)
);
CREATE INDEX orders_account_id ON orders (account_id);
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);
ALTER TABLE orders ADD CONSTRAINT orders_total_nv CHECK (total > -1) NOT VALID;
CREATE TABLE audit (id bigserial PRIMARY KEY, num bigint NOT NULL, at timestamptz);
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE DOMAIN positive_int AS integer;
CREATE TABLE scores (id bigserial PRIMARY KEY, value positive_int, feeling mood);
CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, payload text) PARTITION BY RANGE (at);
CREATE TABLE events_old PARTITION OF events FOR VALUES FROM ('1900-01-01') TO ('2000-01-01');
CREATE TABLE events_2000 (id bigint NOT NULL, at date NOT NULL, payload text);
CREATE MATERIALIZED VIEW account_totals AS SELECT account_id, sum(total) AS total FROM orders GROUP BY account_id;
CREATE UNIQUE INDEX account_totals_account_id ON account_totals (account_id);
CREATE VIEW active_accounts AS SELECT id, email FROM accounts WHERE status = 'active';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
