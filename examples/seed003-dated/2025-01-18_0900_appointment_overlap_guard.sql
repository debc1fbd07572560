-- Refuses an appointment that overlaps another one of the same business.
CREATE FUNCTION tenants.refuse_overlapping_appointment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT NEW.cancelled AND EXISTS (
        SELECT 1
        FROM tenants.appointments a
        WHERE a.business_id = NEW.business_id
          AND a.id IS DISTINCT FROM NEW.id
          AND NOT a.cancelled
          AND tstzrange(a.starts_at, a.ends_at) && tstzrange(NEW.starts_at, NEW.ends_at)
    ) THEN
        RAISE EXCEPTION 'appointment overlaps another one of business %', NEW.business_id
            USING ERRCODE = 'exclusion_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER appointments_no_overlap
    BEFORE INSERT OR UPDATE ON tenants.appointments
    FOR EACH ROW EXECUTE FUNCTION tenants.refuse_overlapping_appointment();

-- ROLLBACK:
-- -- the trigger first: it depends on the function
-- DROP TRIGGER appointments_no_overlap ON tenants.appointments;
-- DROP FUNCTION tenants.refuse_overlapping_appointment();
