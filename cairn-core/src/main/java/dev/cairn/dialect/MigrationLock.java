package dev.cairn.dialect;

import java.sql.SQLException;

/** A held migration lock; closing it releases the lock. */
public interface MigrationLock extends AutoCloseable {

    /**
     * Checks that the lock is still held, before the next migration. An advisory lock cannot be
     * lost while its session lives; a lease can (taken over after its heartbeat failed for a whole
     * TTL, or cleared by {@code cairn unlock --force}).
     *
     * @throws dev.cairn.error.CairnException code {@code lock.lost} when it is gone
     */
    default void verify() throws SQLException {
    }

    @Override
    void close();
}
