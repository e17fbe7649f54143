-- pg: 18
ALTER TABLE users ADD CONSTRAINT users_name_nn NOT NULL name NOT VALID;
