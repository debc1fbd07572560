-- Tenants' businesses live in their own schema.
CREATE SCHEMA tenants;

CREATE TABLE tenants.business (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    name        text NOT NULL,
    timezone    text NOT NULL DEFAULT 'UTC',
    created_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE tenants.business IS 'One row per tenant business';

-- ROLLBACK:
-- DROP TABLE tenants.business;
-- DROP SCHEMA tenants;
