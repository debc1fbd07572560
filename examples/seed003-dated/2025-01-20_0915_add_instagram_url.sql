-- Description of what this migration does
ALTER TABLE tenants.business ADD COLUMN instagram_url TEXT;

-- ROLLBACK:
-- ALTER TABLE tenants.business DROP COLUMN instagram_url;
