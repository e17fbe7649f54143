CREATE TABLE rooms (r int, during tsrange);
ALTER TABLE rooms ADD CONSTRAINT no_overlap EXCLUDE USING gist (r WITH =, during WITH &&);
