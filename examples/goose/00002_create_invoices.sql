-- +goose Up
CREATE TABLE invoices (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES customers (id),
    number       text,
    total_cents  bigint NOT NULL DEFAULT 0 CHECK (total_cents >= 0),
    issued_on    date NOT NULL DEFAULT current_date,
    due_on       date NOT NULL
);

-- A plpgsql body in plain quotes, as older code writes it: the block is one statement.
-- +goose StatementBegin
CREATE FUNCTION invoice_number(p_id bigint, p_issued date) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS '
BEGIN
    RETURN ''INV-'' || to_char(p_issued, ''YYYY'') || ''-'' || lpad(p_id::text, 6, ''0'');
END;
';
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION invoice_number(bigint, date);
DROP TABLE invoices;
