UPDATE users SET name = 'x' WHERE id BETWEEN 1 AND 1000;
INSERT INTO flags (name) VALUES ('a');
DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expired LIMIT 500);
