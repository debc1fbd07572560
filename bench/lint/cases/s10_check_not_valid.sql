-- safe
ALTER TABLE orders ADD CONSTRAINT amount_pos CHECK (amount > 0) NOT VALID;
