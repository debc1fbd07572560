package dev.cairn.dialect;

import java.util.List;

/**
 * The size of the database, as {@code status} reports it.
 *
 * @param sizeBytes the whole database on disk
 * @param tables    how many tables outside the system schemas
 * @param largest   the ten largest tables with indexes and TOAST, largest first
 * @param exact     whether {@code sizeBytes} was measured on disk; otherwise it is estimated from the
 *                  catalog's page counts (as of each table's last VACUUM or ANALYZE), with the largest
 *                  tables measured
 */
public record DatabaseStats(long sizeBytes, int tables, List<TableSize> largest, boolean exact) {

    public DatabaseStats {
        largest = List.copyOf(largest);
    }

    public DatabaseStats(long sizeBytes, int tables, List<TableSize> largest) {
        this(sizeBytes, tables, largest, true);
    }

    /** One table, schema-qualified, with its total size. */
    public record TableSize(String table, long bytes) {
    }
}
