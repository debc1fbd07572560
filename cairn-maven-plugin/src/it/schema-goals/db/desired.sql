CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL,
    name text
);
COMMENT ON TABLE accounts IS 'who signs in';
CREATE UNIQUE INDEX accounts_email ON accounts (lower(email));
