DROP INDEX app_author_name_idx;
