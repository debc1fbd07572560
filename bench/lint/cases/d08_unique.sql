-- dangerous
ALTER TABLE orders ADD CONSTRAINT orders_pair UNIQUE (customer_id, id);
