-- migrate:up
CREATE UNIQUE INDEX accounts_email ON accounts (lower(email));

-- migrate:down
DROP INDEX accounts_email;
