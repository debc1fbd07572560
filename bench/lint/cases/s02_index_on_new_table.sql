-- safe
CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint, sku text);
CREATE INDEX items_order ON items (order_id);
