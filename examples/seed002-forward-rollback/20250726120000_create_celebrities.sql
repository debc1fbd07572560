-- Migration: create_celebrities
-- Description: Celebrities that can be booked, by category
-- Created: 2025-07-26T12:00:00.000Z

-- ============================================
-- FORWARD MIGRATION
-- ============================================

CREATE TABLE celebrities (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('music', 'film', 'sports', 'speaker')),
  base_fee_cents INTEGER NOT NULL CHECK (base_fee_cents >= 0),
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);

CREATE INDEX idx_celebrities_category ON celebrities (category) WHERE is_active;

-- ============================================
-- ROLLBACK
-- ============================================

DROP TABLE celebrities;
