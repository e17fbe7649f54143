-- expect: create-index-non-concurrently
-- zdcd:ignore drop-column wrong rule named
CREATE INDEX i ON users (email);
