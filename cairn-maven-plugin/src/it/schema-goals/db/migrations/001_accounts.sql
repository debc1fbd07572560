-- migrate:up
CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);
COMMENT ON TABLE accounts IS 'who signs in';

-- migrate:down
DROP TABLE accounts;
