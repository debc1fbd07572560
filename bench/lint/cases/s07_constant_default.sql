-- safe
ALTER TABLE orders ADD COLUMN flag boolean NOT NULL DEFAULT false;
