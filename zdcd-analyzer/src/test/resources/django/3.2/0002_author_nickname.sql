BEGIN;
--
-- Add field nickname to author
--
ALTER TABLE "shop_author" ADD COLUMN "nickname" varchar(50) NULL;
COMMIT;
