ALTER TABLE users ADD CONSTRAINT age_pos CHECK (age > 0);
