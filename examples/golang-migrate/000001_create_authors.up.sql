CREATE TABLE IF NOT EXISTS authors (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL,
    book_count  integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);
