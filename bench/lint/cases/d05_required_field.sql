-- dangerous
ALTER TABLE orders ADD COLUMN region text NOT NULL;
