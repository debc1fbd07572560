-- +migrate Up
CREATE TABLE projects (
    id          serial PRIMARY KEY,
    key         varchar(10) NOT NULL UNIQUE CHECK (key ~ '^[A-Z][A-Z0-9]+$'),
    name        text NOT NULL,
    archived    boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- +migrate Down
DROP TABLE projects;
