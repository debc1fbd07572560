package dev.cairn.history;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of the history table: one application (or failed attempt) of one migration.
 *
 * @param downSql       the down script stored at apply time, empty text when there was none
 * @param transactional whether it ran in a transaction (a failed non-transactional run may have left changes)
 * @param error         for FAILED rows: SQLSTATE, message and file:line; otherwise empty text
 */
public record HistoryRow(long id, String version, String description, String script, String kind, String checksum,
                         String downSql, int batch, Status status, boolean transactional, String appliedBy,
                         Instant appliedAt, long executionMs, Optional<Instant> rolledBackAt, String error) {

    /** The outcome recorded in the row. */
    public enum Status {
        SUCCESS, FAILED, ROLLED_BACK
    }

    /** The stored down script, when there was one. */
    public Optional<String> down() {
        return downSql.isBlank() ? Optional.empty() : Optional.of(downSql);
    }
}
