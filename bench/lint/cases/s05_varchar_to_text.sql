-- safe
ALTER TABLE orders ALTER COLUMN note TYPE text;
