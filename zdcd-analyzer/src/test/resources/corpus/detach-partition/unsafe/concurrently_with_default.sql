-- PostgreSQL refuses: cannot detach partitions concurrently when a default partition exists
-- schema: CREATE TABLE measurements (id bigint, at date NOT NULL) PARTITION BY RANGE (at);
-- schema: CREATE TABLE m2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- schema: CREATE TABLE m_default PARTITION OF measurements DEFAULT;
ALTER TABLE measurements DETACH PARTITION m2025 CONCURRENTLY;
