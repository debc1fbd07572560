package dev.cairn.engine;

import java.util.List;

/**
 * What {@code migrate} did. Nothing pending is a result ({@link #upToDate()}), not an error.
 *
 * @param batch the batch number given to this run's migrations, 0 when nothing was applied
 */
public record MigrateResult(List<Applied> applied, int batch, String database) implements OperationResult {

    public MigrateResult {
        applied = List.copyOf(applied);
    }

    public boolean upToDate() {
        return applied.isEmpty();
    }

    /** Nothing was pending: the same as {@link #upToDate()}. */
    @Override
    public boolean nothingToDo() {
        return upToDate();
    }
}
