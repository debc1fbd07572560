package dev.cairn.engine;

import dev.cairn.dialect.LeaseLock;
import dev.cairn.dialect.MigrationLock;
import dev.cairn.jdbc.Jdbc;
import java.sql.SQLException;

/**
 * Stops an operation between two migrations when its lease lock is gone. A lease, unlike an
 * advisory lock, can be lost while its runner still works (taken over after a heartbeat could not
 * reach the server for a whole TTL, or cleared by {@code cairn unlock --force}); going on would
 * let two runners migrate at once.
 *
 * <p>It listens because the events are where every operation stands between migrations: before
 * a migration starts and after one is rolled back, it renews the lease on the spot, and throws
 * {@code lock.lost} if that fails. One guard per operation: {@code Cairn} wraps the caller's
 * listener, and the operation's {@code Database} registers the lock it takes.
 */
public final class LockGuard implements Listener {

    private final Listener next;
    private volatile LeaseLock lease;

    private LockGuard(Listener next) {
        this.next = next;
    }

    /** A guard for one operation, passing every event on to {@code listener}. */
    public static Listener around(Listener listener) {
        return new LockGuard(listener);
    }

    /** Called by {@link Database#lock(Listener)} with the lock it took. */
    void watch(MigrationLock lock) {
        if (lock instanceof LeaseLock l) {
            lease = l;
        }
    }

    @Override
    public void on(Event event) {
        if (event instanceof Event.MigrationStarting) {
            verify();
        }
        next.on(event);
        if (event instanceof Event.MigrationRolledBack) {
            verify();
        }
    }

    private void verify() {
        LeaseLock l = lease;
        if (l == null) {
            return;
        }
        try {
            l.verify();
        } catch (SQLException e) {
            throw Jdbc.failed("cannot renew the migration lease; stopped before the next migration", e);
        }
    }
}
