BEGIN;
--
-- Add field created to author
--
ALTER TABLE "shop_author" ADD COLUMN "created" timestamp with time zone DEFAULT (STATEMENT_TIMESTAMP()) NOT NULL;
COMMIT;
