CREATE SEQUENCE invoice_numbers;
