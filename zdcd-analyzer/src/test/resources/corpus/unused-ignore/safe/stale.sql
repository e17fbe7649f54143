-- zdcd:ignore drop-column not needed any more
ALTER TABLE users ADD COLUMN x int;
