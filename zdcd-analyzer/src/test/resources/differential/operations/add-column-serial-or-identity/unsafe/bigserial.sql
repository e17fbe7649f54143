ALTER TABLE audit ADD COLUMN seq bigserial;
