--
-- Concurrently remove index author_name_idx from author
--
DROP INDEX CONCURRENTLY IF EXISTS "author_name_idx";
