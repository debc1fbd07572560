-- Migration: create_bookings
-- Description: Booking requests for a celebrity on an event date
-- Created: 2025-07-26T12:15:00.000Z

-- ============================================
-- FORWARD MIGRATION
-- ============================================

CREATE TYPE booking_status AS ENUM ('requested', 'confirmed', 'cancelled', 'completed');

CREATE TABLE bookings (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  celebrity_id UUID NOT NULL REFERENCES celebrities(id) ON DELETE RESTRICT,
  event_date DATE NOT NULL,
  venue TEXT NOT NULL,
  fee_cents INTEGER NOT NULL CHECK (fee_cents >= 0),
  status booking_status NOT NULL DEFAULT 'requested',
  created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);

-- One confirmed booking per celebrity and day.
CREATE UNIQUE INDEX idx_bookings_one_confirmed_per_day
  ON bookings (celebrity_id, event_date) WHERE status = 'confirmed';
CREATE INDEX idx_bookings_event_date ON bookings (event_date);

-- ============================================
-- ROLLBACK
-- ============================================

DROP TABLE bookings;
DROP TYPE booking_status;
