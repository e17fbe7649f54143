--
-- Raw SQL operation
--
CREATE INDEX CONCURRENTLY IF NOT EXISTS author_alias_idx ON shop_author (alias);
