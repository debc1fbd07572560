-- Rollback: 002_create_stock_movements_rollback.sql
-- Rolls back: 002_create_stock_movements.sql

BEGIN;

DROP TABLE IF EXISTS stock_movements;
ALTER TABLE products DROP COLUMN IF EXISTS on_hand;

COMMIT;
