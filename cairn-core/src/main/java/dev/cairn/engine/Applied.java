package dev.cairn.engine;

import java.time.Duration;

/**
 * One migration applied by {@code migrate}.
 *
 * @param noTransactionReason why it ran without a transaction, or empty text when it ran in one
 * @param checksum            the checksum recorded in the history
 * @param batch               the batch it was applied in
 */
public record Applied(String version, String description, String script, Duration duration, boolean transactional,
                      String noTransactionReason, int statements, String checksum, int batch) {
}
