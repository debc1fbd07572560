-- Migration: 001_create_products_table.sql
-- Description: Create products table with RLS policies
-- Author: platform team
-- Date: 2025-02-03

BEGIN;

-- Forward migration SQL here
CREATE TABLE products (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    sku VARCHAR(32) NOT NULL UNIQUE,
    name VARCHAR NOT NULL,
    price DECIMAL(10,2) NOT NULL CHECK (price >= 0),
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

-- Enable RLS
ALTER TABLE products ENABLE ROW LEVEL SECURITY;

CREATE POLICY products_read_all ON products FOR SELECT USING (true);

COMMIT;
