ALTER TABLE app_author DROP COLUMN age;
