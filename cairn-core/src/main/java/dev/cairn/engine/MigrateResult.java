package dev.cairn.engine;

import java.util.List;

/**
 * What {@code migrate} did. Nothing pending is a result ({@link #upToDate()}), not an error.
 *
 * @param batch the batch number given to this run's migrations, 0 when nothing was applied
 */
public record MigrateResult(List<Applied> applied, int batch, String database) {

    public MigrateResult {
        applied = List.copyOf(applied);
    }

    public boolean upToDate() {
        return applied.isEmpty();
    }
}
