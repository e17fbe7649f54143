-- zdcd:ignore add-column
ALTER TABLE users ADD COLUMN x int;
