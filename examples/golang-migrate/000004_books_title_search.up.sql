CREATE INDEX IF NOT EXISTS books_title_search_idx ON books USING gin (to_tsvector('english', title));
