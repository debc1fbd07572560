-- Keeps accounts.balance_cents equal to the sum of the account's ledger entries.
ALTER TABLE accounts ADD COLUMN balance_cents bigint NOT NULL DEFAULT 0;

CREATE FUNCTION apply_ledger_entry() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE accounts SET balance_cents = balance_cents + NEW.amount_cents
    WHERE id = NEW.account_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'account % does not exist', NEW.account_id;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ledger_entries_apply AFTER INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION apply_ledger_entry();
