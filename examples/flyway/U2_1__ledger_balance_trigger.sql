DROP TRIGGER ledger_entries_apply ON ledger_entries;
DROP FUNCTION apply_ledger_entry();
ALTER TABLE accounts DROP COLUMN balance_cents;
