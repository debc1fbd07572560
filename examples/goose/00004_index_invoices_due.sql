-- +goose NO TRANSACTION

-- +goose Up
CREATE INDEX CONCURRENTLY invoices_due_idx ON invoices (due_on) WHERE total_cents > 0;

-- +goose Down
DROP INDEX CONCURRENTLY invoices_due_idx;
