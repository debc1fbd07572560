-- dangerous
ALTER TABLE orders ADD CONSTRAINT amount_pos CHECK (amount > 0);
