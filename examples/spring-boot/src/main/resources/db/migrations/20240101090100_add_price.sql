-- migrate:up
ALTER TABLE products ADD COLUMN price numeric(10, 2) NOT NULL DEFAULT 0;

-- migrate:down
ALTER TABLE products DROP COLUMN price;
