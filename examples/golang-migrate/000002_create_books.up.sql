CREATE TABLE IF NOT EXISTS books (
    id            bigserial PRIMARY KEY,
    author_id     bigint NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    title         text NOT NULL,
    isbn          varchar(13) UNIQUE,
    published_on  date
);

CREATE INDEX IF NOT EXISTS books_author_published_idx ON books (author_id, published_on DESC);
