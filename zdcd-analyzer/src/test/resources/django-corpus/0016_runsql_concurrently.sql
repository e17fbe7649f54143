--
-- Raw SQL operation
--
CREATE INDEX CONCURRENTLY IF NOT EXISTS shop_book_page_count_idx ON shop_book (page_count);
