ALTER TABLE users SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01);
