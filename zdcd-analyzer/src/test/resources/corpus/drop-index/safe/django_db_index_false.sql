DROP INDEX IF EXISTS "app_author_name_3e5a9a1b";
DROP INDEX IF EXISTS "app_author_name_3e5a9a1b_like";
