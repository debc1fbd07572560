package dev.cairn.lint;

import java.util.List;

/**
 * What was observed when a statement ran on the scratch database, and how big the live tables it
 * touches are.
 *
 * @param locks    the locks the statement took on relations that existed before the pending migrations
 * @param rewrites the tables and indexes it rewrote ({@code pg_class.relfilenode} changed)
 * @param scans    what it read in full to validate (a constraint added valid, SET NOT NULL without a proving CHECK)
 * @param rows     the live table's row estimate ({@code reltuples}), -1 when unknown or not observed
 * @param bytes    the live table's size with its indexes and TOAST, -1 when unknown or not observed
 */
public record Evidence(List<Lock> locks, List<String> rewrites, List<String> scans, long rows, long bytes) {

    /** One lock: the relation, schema-qualified, and the lock mode such as {@code AccessExclusiveLock}. */
    public record Lock(String relation, String mode) {
    }

    public Evidence {
        locks = List.copyOf(locks);
        rewrites = List.copyOf(rewrites);
        scans = List.copyOf(scans);
    }

    /** Nothing observed (static mode). */
    public static Evidence none() {
        return new Evidence(List.of(), List.of(), List.of(), -1, -1);
    }

    /** Whether the statement ran on the scratch database and anything about it was recorded. */
    public boolean observed() {
        return !locks.isEmpty() || !rewrites.isEmpty() || !scans.isEmpty() || rows >= 0;
    }

    /** The same observations, sized. */
    public Evidence sized(long rows, long bytes) {
        return new Evidence(locks, rewrites, scans, rows, bytes);
    }
}
