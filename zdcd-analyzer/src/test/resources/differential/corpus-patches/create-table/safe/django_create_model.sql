DROP TABLE app_book; DROP TABLE app_author CASCADE;
