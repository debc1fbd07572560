CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id bigint, note varchar(20), status text, amount numeric(10,2));
ALTER TABLE orders ADD CONSTRAINT status_nn CHECK (status IS NOT NULL);
