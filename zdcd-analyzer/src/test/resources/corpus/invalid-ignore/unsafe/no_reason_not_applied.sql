-- expect: create-index-non-concurrently
-- zdcd:ignore create-index-non-concurrently
CREATE INDEX i ON users (email);
