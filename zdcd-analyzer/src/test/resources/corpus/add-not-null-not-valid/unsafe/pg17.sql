-- expect: unsupported-on-version
ALTER TABLE users ADD CONSTRAINT users_name_nn NOT NULL name NOT VALID;
