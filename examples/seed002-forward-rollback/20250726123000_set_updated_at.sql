-- Migration: set_updated_at
-- Description: Keep updated_at current on every UPDATE
-- Created: 2025-07-26T12:30:00.000Z

-- ============================================
-- FORWARD MIGRATION
-- ============================================

CREATE OR REPLACE FUNCTION set_updated_at() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := NOW();
  RETURN NEW;
END;
$$;

CREATE TRIGGER trg_celebrities_updated_at BEFORE UPDATE ON celebrities
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trg_bookings_updated_at BEFORE UPDATE ON bookings
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ============================================
-- ROLLBACK
-- ============================================

DROP TRIGGER trg_bookings_updated_at ON bookings;
DROP TRIGGER trg_celebrities_updated_at ON celebrities;
DROP FUNCTION set_updated_at();
