BEGIN;
--
-- Add field token to author
--
ALTER TABLE "shop_author" ADD COLUMN "token" uuid DEFAULT (GEN_RANDOM_UUID()) NOT NULL;
COMMIT;
