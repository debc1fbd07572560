-- migrate:up
CREATE TABLE products (
    id bigserial PRIMARY KEY,
    name varchar(200) NOT NULL
);

-- migrate:down
DROP TABLE products;
