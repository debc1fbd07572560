package dev.cairn.lint;

import java.util.List;

/**
 * What one statement did on the scratch database, run in a transaction of its own there.
 *
 * @param locks    locks taken on tables that existed before the pending migrations
 * @param rewrites tables or indexes whose {@code relfilenode} changed
 * @param scans    what was validated by reading a whole existing table
 * @param failure  the server's error when the statement failed, else empty text
 */
public record Observation(List<Evidence.Lock> locks, List<String> rewrites, List<String> scans, String failure) {

    public Observation {
        locks = List.copyOf(locks);
        rewrites = List.copyOf(rewrites);
        scans = List.copyOf(scans);
    }
}
