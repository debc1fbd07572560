package dev.cairn.engine;

import dev.cairn.migration.Ignored;
import dev.cairn.migration.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every migration with its state, a summary, the recent rollbacks, the ignored files, and the
 * problems {@code validate} would report.
 */
public record StatusResult(String database, String table, List<Item> migrations, Summary summary,
                           List<Rollback> rollbacks, List<Ignored> ignored, List<Problem> problems,
                           dev.cairn.dialect.DatabaseStats stats) {

    public StatusResult {
        migrations = List.copyOf(migrations);
        rollbacks = List.copyOf(rollbacks);
        ignored = List.copyOf(ignored);
        problems = List.copyOf(problems);
    }

    /**
     * One migration (or one history row without its file).
     *
     * @param computedDown whether it is applied and its down script is one Cairn computed at apply time
     *                     (it had none; {@code rollback} uses it)
     */
    public record Item(String version, String description, String script, State state, Optional<Instant> appliedAt,
                       Optional<Long> durationMs, Optional<Integer> batch, String error, boolean computedDown) {

        public Item(String version, String description, String script, State state, Optional<Instant> appliedAt,
                    Optional<Long> durationMs, Optional<Integer> batch, String error) {
            this(version, description, script, state, appliedAt, durationMs, batch, error, false);
        }
    }

    /** How many migrations are in each state. */
    public record Summary(int total, int applied, int pending, int failed, int modified, int missing, int outOfOrder) {
    }

    /** A migration that was rolled back. */
    public record Rollback(String version, String script, int batch, Instant rolledBackAt) {
    }

    /** Whether anything waits to be applied. */
    public boolean hasPending() {
        return summary.pending() + summary.outOfOrder() > 0;
    }
}
