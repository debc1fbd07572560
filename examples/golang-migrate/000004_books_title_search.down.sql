DROP INDEX IF EXISTS books_title_search_idx;
