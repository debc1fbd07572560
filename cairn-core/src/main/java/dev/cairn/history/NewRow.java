package dev.cairn.history;

/**
 * What Cairn writes when a migration is applied or fails.
 *
 * @param upSql   the up script as run
 * @param downSql the down script to store for later rollbacks, empty text when there is none
 * @param error   empty text unless {@code status} is FAILED
 */
public record NewRow(String version, String description, String script, String kind, String checksum, String upSql,
                     String downSql, int batch, HistoryRow.Status status, boolean transactional, long executionMs,
                     String error) {
}
