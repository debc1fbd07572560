-- Rollback: 003_stock_on_hand_trigger_rollback.sql
-- Rolls back: 003_stock_on_hand_trigger.sql

BEGIN;

DROP TRIGGER IF EXISTS trg_apply_stock_movement ON stock_movements;
DROP FUNCTION IF EXISTS apply_stock_movement();

COMMIT;
