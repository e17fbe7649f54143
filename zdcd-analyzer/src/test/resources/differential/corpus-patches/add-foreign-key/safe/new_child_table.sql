DROP TABLE app_book;
