-- Migration: 003_stock_on_hand_trigger.sql
-- Description: Keep products.on_hand equal to the sum of its stock movements
-- Author: platform team
-- Date: 2025-02-05

BEGIN;

-- Dollar quotes: the semicolons inside the body do not end the statement.
CREATE OR REPLACE FUNCTION apply_stock_movement() RETURNS TRIGGER AS $$
BEGIN
    UPDATE products SET on_hand = on_hand + NEW.quantity WHERE id = NEW.product_id;
    IF (SELECT on_hand FROM products WHERE id = NEW.product_id) < 0 THEN
        RAISE EXCEPTION 'stock of product % would go below zero', NEW.product_id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER trg_apply_stock_movement
    AFTER INSERT ON stock_movements
    FOR EACH ROW EXECUTE FUNCTION apply_stock_movement();

COMMIT;
