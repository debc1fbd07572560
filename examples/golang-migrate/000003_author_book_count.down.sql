DROP TRIGGER IF EXISTS books_author_book_count ON books;
DROP FUNCTION IF EXISTS author_book_count();
