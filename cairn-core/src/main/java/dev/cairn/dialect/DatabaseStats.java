package dev.cairn.dialect;

import java.util.List;

/**
 * The size of the database, as {@code status} reports it.
 *
 * @param sizeBytes the whole database on disk
 * @param tables    how many tables outside the system schemas
 * @param largest   the ten largest tables with indexes and TOAST, largest first
 */
public record DatabaseStats(long sizeBytes, int tables, List<TableSize> largest) {

    public DatabaseStats {
        largest = List.copyOf(largest);
    }

    /** One table, schema-qualified, with its total size. */
    public record TableSize(String table, long bytes) {
    }
}
