-- +migrate Up
CREATE TABLE task_status_changes (
    task_id     integer NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    old_status  task_status,
    new_status  task_status NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, changed_at)
);

-- +migrate StatementBegin
CREATE FUNCTION record_task_status() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO task_status_changes (task_id, old_status, new_status)
        VALUES (NEW.id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END, NEW.status);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +migrate StatementEnd

CREATE TRIGGER tasks_record_status AFTER INSERT OR UPDATE OF status ON tasks
    FOR EACH ROW EXECUTE FUNCTION record_task_status();

-- +migrate Down
DROP TRIGGER tasks_record_status ON tasks;
DROP FUNCTION record_task_status();
DROP TABLE task_status_changes;
