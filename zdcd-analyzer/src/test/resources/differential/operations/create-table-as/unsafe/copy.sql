CREATE TABLE orders_copy AS SELECT * FROM orders;
