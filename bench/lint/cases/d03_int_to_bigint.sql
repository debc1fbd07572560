-- dangerous
ALTER TABLE orders ALTER COLUMN id TYPE bigint;
