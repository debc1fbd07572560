-- Appointments booked with a business.
CREATE TABLE tenants.appointments (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    business_id  bigint NOT NULL REFERENCES tenants.business (id) ON DELETE CASCADE,
    customer     text NOT NULL,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    cancelled    boolean NOT NULL DEFAULT false,
    CONSTRAINT appointments_ends_after_start CHECK (ends_at > starts_at)
);

CREATE INDEX appointments_business_starts_idx
    ON tenants.appointments (business_id, starts_at)
    WHERE NOT cancelled;

-- ROLLBACK:
-- DROP TABLE tenants.appointments;
