package dev.cairn.engine;

import java.time.Duration;

/**
 * One migration applied by {@code migrate}.
 *
 * @param noTransactionReason why it ran without a transaction, or empty text when it ran in one
 * @param checksum            the checksum recorded in the history
 * @param batch               the batch it was applied in
 * @param rerun               it had been applied before and ran again because its file changed
 *                            ({@code --rerun-modified}); the earlier history row stays
 */
public record Applied(String version, String description, String script, Duration duration, boolean transactional,
                      String noTransactionReason, int statements, String checksum, int batch, boolean rerun) {

    public Applied(String version, String description, String script, Duration duration, boolean transactional,
                   String noTransactionReason, int statements, String checksum, int batch) {
        this(version, description, script, duration, transactional, noTransactionReason, statements, checksum, batch,
                false);
    }

    /** This application, marked as a re-run of a changed file. */
    Applied asRerun() {
        return new Applied(version, description, script, duration, transactional, noTransactionReason, statements,
                checksum, batch, true);
    }
}
