-- +migrate Up
CREATE TYPE task_status AS ENUM ('open', 'in_progress', 'done');

CREATE TABLE tasks (
    id          serial PRIMARY KEY,
    project_id  integer NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title       text NOT NULL,
    status      task_status NOT NULL DEFAULT 'open',
    assignee    text,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX tasks_project_status_idx ON tasks (project_id, status);

-- +migrate Down
DROP TABLE tasks;
DROP TYPE task_status;
