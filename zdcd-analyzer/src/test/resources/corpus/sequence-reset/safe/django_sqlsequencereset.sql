-- Django sqlsequencereset
SELECT setval(pg_get_serial_sequence('"orders"','id'), coalesce(max("id"), 1), max("id") IS NOT null) FROM "orders";
