-- Rollback: 001_create_products_table_rollback.sql
-- Rolls back: 001_create_products_table.sql

BEGIN;

-- Rollback SQL (reverse order)
DROP TABLE IF EXISTS products;

COMMIT;
