-- issue 12: during the migrate, 8 of 12 reads of items were cancelled (implicit transaction, as runners run a file)
ALTER TABLE items ADD COLUMN note text;
SELECT pg_sleep(10);
