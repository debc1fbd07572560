-- +migrate Up notransaction
CREATE INDEX CONCURRENTLY tasks_open_assignee_idx ON tasks (assignee) WHERE status <> 'done';

-- +migrate Down notransaction
DROP INDEX CONCURRENTLY tasks_open_assignee_idx;
