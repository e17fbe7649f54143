-- schema: CREATE TABLE events (id bigint, at date NOT NULL) PARTITION BY RANGE (at);
-- schema: CREATE TABLE events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
-- finishes an interrupted DETACH ... CONCURRENTLY: the rows already left events for every query
ALTER TABLE events DETACH PARTITION events_2020 FINALIZE;
