-- Repeatable: re-applied whenever this file changes, after the versioned migrations.
CREATE OR REPLACE FUNCTION account_statement(p_account bigint, p_since timestamptz DEFAULT '-infinity')
RETURNS TABLE (booked_at timestamptz, amount_cents bigint, memo text, running_cents bigint)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT e.booked_at, e.amount_cents, e.memo,
           sum(e.amount_cents) OVER (ORDER BY e.booked_at, e.id)::bigint
    FROM ledger_entries e
    WHERE e.account_id = p_account AND e.booked_at >= p_since
    ORDER BY e.booked_at, e.id;
END;
$$;
