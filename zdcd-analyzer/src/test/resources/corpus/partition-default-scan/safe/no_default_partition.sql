-- expect: create-table
-- schema: CREATE TABLE measurements (id bigint, at date NOT NULL) PARTITION BY RANGE (at);
-- schema: CREATE TABLE m2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE m2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
