package dev.cairn.history;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of the history table: one application (or failed attempt) of one migration.
 *
 * @param down          the down script stored at apply time; present but possibly blank when the migration
 *                      had a down script with nothing to undo, empty when it had none
 * @param transactional whether it ran in a transaction (a failed non-transactional run may have left changes)
 * @param error         for FAILED rows: SQLSTATE, message and file:line; otherwise empty text
 */
public record HistoryRow(long id, String version, String description, String script, String kind, String checksum,
                         Optional<String> down, int batch, Status status, boolean transactional, String appliedBy,
                         Instant appliedAt, long executionMs, Optional<Instant> rolledBackAt, String error) {

    /**
     * The first line of a down script Cairn computed at apply time (for a migration without one) from the
     * schema before and after it, rather than one the migration brought.
     */
    public static final String COMPUTED_DOWN = "-- cairn: computed down";

    /** Whether the stored down script is one Cairn computed ({@link #COMPUTED_DOWN}). */
    public boolean computedDown() {
        return down.map(d -> d.startsWith(COMPUTED_DOWN)).orElse(false);
    }

    /** The outcome recorded in the row. */
    public enum Status {
        SUCCESS, FAILED, ROLLED_BACK
    }

    /**
     * Whether this row records an application that {@code rollback} undid, as opposed to a failed
     * attempt that {@code repair} resolved (which keeps its error).
     */
    public boolean undone() {
        return status == Status.ROLLED_BACK && error.isEmpty();
    }
}
