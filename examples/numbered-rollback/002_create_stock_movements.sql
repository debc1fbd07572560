-- Migration: 002_create_stock_movements.sql
-- Description: Every change of stock, and the stock on hand per product
-- Author: platform team
-- Date: 2025-02-04

BEGIN;

ALTER TABLE products ADD COLUMN on_hand INTEGER NOT NULL DEFAULT 0;

CREATE TABLE stock_movements (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id UUID NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    quantity INTEGER NOT NULL CHECK (quantity <> 0),
    reason VARCHAR(20) NOT NULL CHECK (reason IN ('purchase', 'sale', 'return', 'correction')),
    moved_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE INDEX idx_stock_movements_product ON stock_movements(product_id, moved_at DESC);

COMMIT;
