package dev.cairn.engine;

import java.util.List;

/** What {@code rollback} undid, newest first. Nothing to undo is a result, not an error. */
public record RollbackResult(List<RolledBack> rolledBack) implements OperationResult {

    public RollbackResult {
        rolledBack = List.copyOf(rolledBack);
    }

    @Override
    public boolean nothingToDo() {
        return rolledBack.isEmpty();
    }
}
