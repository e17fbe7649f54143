-- zdcd:ignore unclosed-transaction our runner commits every migration itself
BEGIN;
ALTER TABLE users ADD COLUMN bio text;
