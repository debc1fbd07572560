package dev.cairn.dialect;

import dev.cairn.config.Configuration;
import dev.cairn.config.HostName;
import dev.cairn.config.TableName;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The lock of {@code --lock-mode table}: a lease row that a heartbeat renews every third of its TTL
 * while Cairn runs, released on close, and taken over by another runner once it has expired. For
 * PgBouncer in transaction mode, where a session advisory lock would stay with a pooled server
 * connection, and for engines without advisory locks.
 *
 * <p>A lease, unlike an advisory lock, can be lost while its holder still runs: a heartbeat that
 * could not reach the server for a whole TTL, or {@code cairn unlock --force}. {@link #verify()}
 * renews the lease on the spot and fails when it is gone; the engine calls it before each
 * migration, so a runner that lost its lease stops before the next one.
 */
public final class LeaseLock implements MigrationLock {

    private final Connection connection;
    private final LeaseTable table;
    private final String token;
    private final Duration ttl;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread heartbeat;
    private volatile boolean lost;

    private LeaseLock(Connection connection, LeaseTable table, String token, Duration ttl) {
        this.connection = connection;
        this.table = table;
        this.token = token;
        this.ttl = ttl;
        this.heartbeat = new Thread(this::beat, "cairn-lease-heartbeat " + table.table());
        heartbeat.setDaemon(true);
    }

    /**
     * Takes the lease on {@code connection}, which becomes the heartbeat's own, waiting up to the
     * configured lock timeout and telling {@code watcher} who holds it every few seconds.
     *
     * @throws CairnException kind LOCK_TIMEOUT naming the holder and when its lease expires
     */
    public static LeaseLock acquire(Connection connection, Dialect dialect, TableName history, Configuration config,
                                    LockWatcher watcher)
            throws SQLException {
        return acquire(connection, dialect, history, config.leaseTtl(), new LockWait(config.lockTimeout(), watcher));
    }

    /** Takes the lease as part of {@code wait}, which may have begun before (in the other lock mode). */
    public static LeaseLock acquire(Connection connection, Dialect dialect, TableName history, Duration ttl,
                                    LockWait wait)
            throws SQLException {
        LeaseTable table = LeaseTable.of(dialect, history);
        table.ensure(connection);
        LeaseTable.Claim claim = new LeaseTable.Claim(UUID.randomUUID().toString(), HostName.get(), ProcessHandle.current().pid());
        while (table.tryAcquire(connection, claim, ttl).isEmpty()) {
            wait.retry(LockWait.POLL, () -> table.read(connection).map(Lease::holder),
                    () -> timeout(table, table.read(connection), wait));
        }
        LeaseLock lock = new LeaseLock(connection, table, claim.token(), ttl);
        lock.heartbeat.start();
        return lock;
    }

    private static CairnException timeout(LeaseTable table, Optional<Lease> holder, LockWait wait) {
        return new CairnException(CairnException.Kind.LOCK_TIMEOUT, "lock.timeout",
                "another migration run holds the lease in " + table.table() + " and did not finish within "
                        + wait.timeoutText() + ": " + holder.map(Lease::describe).orElse("holder unknown (it has just"
                        + " released the lease)") + "; nothing was applied. Wait for it, raise "
                        + Next.setting("lock-timeout") + ", or if"
                        + " that runner is dead: the next run takes its lease over once it expires"
                        + holder.map(l -> " at " + l.expiresAt()).orElse("") + ", or clear it now with"
                        + " '" + Next.action("unlock", Next.setting("lock-mode", "table"), Next.setting("force"))
                        + "'");
    }

    /**
     * Renews the lease now; called between migrations.
     *
     * @throws CairnException code {@code lock.lost} when another runner took the lease over or it was cleared
     * @throws SQLException   when the server cannot be asked
     */
    @Override
    public void verify() throws SQLException {
        synchronized (this) {
            if (!lost && table.renew(connection, token, ttl)) {
                return;
            }
            lost = true;
            Optional<Lease> now = table.read(connection);
            throw CairnException.failed("lock.lost", "lost the migration lock: "
                    + now.map(l -> "the lease in " + table.table() + " was taken over by " + l.describe())
                    .orElse("the lease row in " + table.table() + " was deleted (by '"
                    + Next.action("unlock", Next.setting("force")) + "'?)")
                    + "; this run stopped before its next migration. What it applied so far stays applied:"
                    + " check '" + Next.action("status") + "', then run the command again", null);
        }
    }

    /** Renews every third of the TTL until closed; a failed renewal is retried at the next beat. */
    private void beat() {
        long interval = Math.max(ttl.toMillis() / 3, 1);
        try {
            while (!stop.await(interval, TimeUnit.MILLISECONDS)) {
                synchronized (this) {
                    try {
                        if (!lost && !table.renew(connection, token, ttl)) {
                            lost = true;
                        }
                    } catch (SQLException | RuntimeException e) {
                        // Retried at the next beat. Should the server stay out of reach for a whole
                        // TTL, the lease runs out so that another runner can take over, and
                        // verify() stops this one before its next migration.
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the heartbeat and deletes the row if it is still ours. */
    @Override
    public void close() {
        stop.countDown();
        try {
            heartbeat.join(Math.max(ttl.toMillis(), 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                table.release(connection, token);
            } catch (SQLException e) {
                // Nothing to do: the lease expires on its own and the next runner takes it over.
            }
        }
    }
}
