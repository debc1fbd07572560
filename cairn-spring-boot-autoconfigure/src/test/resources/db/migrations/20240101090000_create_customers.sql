-- migrate:up
CREATE TABLE customers (id bigserial PRIMARY KEY, name varchar(200) NOT NULL);

-- migrate:down
DROP TABLE customers;
