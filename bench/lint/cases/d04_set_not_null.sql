-- dangerous
ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
