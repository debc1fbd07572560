package dev.cairn.history;

import java.util.Optional;

/**
 * What Cairn writes when a migration is applied or fails.
 *
 * @param upSql   the up script as run
 * @param downSql the down script to store for later rollbacks: present (possibly blank, a down with nothing
 *                to undo) when the migration has one, empty when it has none
 * @param error   empty text unless {@code status} is FAILED
 */
public record NewRow(String version, String description, String script, String kind, String checksum, String upSql,
                     Optional<String> downSql, int batch, HistoryRow.Status status, boolean transactional,
                     long executionMs, String error) {

    /** With the down script as text, blank meaning none. */
    public NewRow(String version, String description, String script, String kind, String checksum, String upSql,
                  String downSql, int batch, HistoryRow.Status status, boolean transactional, long executionMs,
                  String error) {
        this(version, description, script, kind, checksum, upSql,
                downSql.isBlank() ? Optional.empty() : Optional.of(downSql), batch, status, transactional,
                executionMs, error);
    }
}
