-- +goose Up
CREATE TABLE invoice_lines (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id    bigint NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    description   text NOT NULL,
    amount_cents  bigint NOT NULL
);

CREATE INDEX invoice_lines_invoice_idx ON invoice_lines (invoice_id);

-- +goose StatementBegin
CREATE FUNCTION invoice_lines_total() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    target bigint := coalesce(NEW.invoice_id, OLD.invoice_id);
BEGIN
    UPDATE invoices
    SET total_cents = (SELECT coalesce(sum(amount_cents), 0) FROM invoice_lines WHERE invoice_id = target)
    WHERE id = target;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER invoice_lines_total AFTER INSERT OR UPDATE OR DELETE ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoice_lines_total();

-- +goose Down
-- +goose StatementBegin
DROP TABLE invoice_lines;
DROP FUNCTION invoice_lines_total();
-- +goose StatementEnd
