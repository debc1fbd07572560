-- Migration: add_celebrity_ratings
-- Description: Add rating system for celebrities
-- Created: 2025-07-26T12:34:56.789Z

-- ============================================
-- FORWARD MIGRATION
-- ============================================

-- Add your migration SQL here
ALTER TABLE celebrities ADD COLUMN average_rating NUMERIC(3,2) DEFAULT 0;
ALTER TABLE celebrities ADD COLUMN rating_count INTEGER DEFAULT 0;

CREATE TABLE celebrity_ratings (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  celebrity_id UUID NOT NULL REFERENCES celebrities(id) ON DELETE CASCADE,
  user_id UUID NOT NULL,
  rating INTEGER CHECK (rating >= 1 AND rating <= 5),
  review TEXT,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
  UNIQUE(celebrity_id, user_id)
);

-- Recomputes the average; the body holds semicolons inside $$ quotes.
CREATE FUNCTION refresh_celebrity_rating() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  target UUID := COALESCE(NEW.celebrity_id, OLD.celebrity_id);
BEGIN
  UPDATE celebrities c
     SET average_rating = COALESCE(r.avg, 0), rating_count = r.n
    FROM (SELECT AVG(rating)::NUMERIC(3,2) AS avg, COUNT(*) AS n
            FROM celebrity_ratings WHERE celebrity_id = target) r
   WHERE c.id = target;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_celebrity_ratings_refresh
  AFTER INSERT OR UPDATE OR DELETE ON celebrity_ratings
  FOR EACH ROW EXECUTE FUNCTION refresh_celebrity_rating();

-- ============================================
-- ROLLBACK
-- ============================================

-- Add your rollback SQL here
DROP TABLE celebrity_ratings;
DROP FUNCTION refresh_celebrity_rating();
ALTER TABLE celebrities DROP COLUMN average_rating;
ALTER TABLE celebrities DROP COLUMN rating_count;
