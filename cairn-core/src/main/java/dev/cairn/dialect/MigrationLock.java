package dev.cairn.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/** A held migration lock; closing it releases the lock. */
public interface MigrationLock extends AutoCloseable {

    /**
     * Checks that the lock is still held, before the next migration. An advisory lock is lost when
     * its session ends (its keep-alive query found it gone); a lease when it was taken over after its
     * heartbeat failed for a whole TTL, or cleared by {@code cairn unlock --force}.
     *
     * @throws dev.cairn.error.CairnException code {@code lock.lost} when it is gone
     */
    default void verify() throws SQLException {
    }

    /**
     * Checks on the working connection, right before a migration commits (in its transaction), that
     * the lock is still held, and makes sure that a runner taking the lock over from now on sees this
     * commit. An advisory lock does; a lease keeps its own rule (checked before each migration, the
     * migration running when it is lost still commits), so this does nothing for it.
     *
     * @throws dev.cairn.error.CairnException code {@code lock.lost} (exit 5) when it is gone; the caller
     *                                        rolls the transaction back
     */
    default void verifyHeld(Connection working) throws SQLException {
    }

    @Override
    void close();
}
