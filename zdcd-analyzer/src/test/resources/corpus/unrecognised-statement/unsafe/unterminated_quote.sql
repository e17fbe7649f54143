UPDATE users SET name = 'x WHERE id = 1;
