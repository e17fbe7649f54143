-- schema: CREATE TABLE users (id bigint NOT NULL, email varchar(100) NOT NULL, name text, age int, nick varchar(20));
CREATE UNIQUE INDEX CONCURRENTLY users_id_idx ON users (id);
ALTER TABLE users ADD CONSTRAINT users_pk PRIMARY KEY USING INDEX users_id_idx;
