-- Keeps authors.book_count in step with the books table.
CREATE OR REPLACE FUNCTION author_book_count() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE authors SET book_count = book_count + 1 WHERE id = NEW.author_id;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE authors SET book_count = book_count - 1 WHERE id = OLD.author_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER books_author_book_count
    AFTER INSERT OR DELETE OR UPDATE OF author_id ON books
    FOR EACH ROW EXECUTE FUNCTION author_book_count();
