-- safe
ALTER TABLE orders ALTER COLUMN note TYPE varchar(200);
