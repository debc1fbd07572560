package dev.cairn.dialect.postgres;

import dev.cairn.config.TableName;
import dev.cairn.dialect.LockHolder;
import dev.cairn.dialect.LockWatcher;
import dev.cairn.dialect.MigrationLock;
import dev.cairn.error.CairnException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * A session-level advisory lock on its own connection. The server releases it when the session
 * ends, so a killed runner never leaves it behind:
 * https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
 */
final class AdvisoryLock implements MigrationLock {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(3);

    private final Connection connection;
    private final long key;

    private AdvisoryLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    static MigrationLock acquire(Connection c, TableName table, Duration timeout, LockWatcher watcher)
            throws SQLException {
        long key = key(c, table);
        long start = System.nanoTime();
        Duration nextReport = REPORT_EVERY;
        while (!tryLock(c, key)) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (waited.compareTo(timeout) >= 0) {
                Optional<LockHolder> holder = holder(c, table);
                throw new CairnException(CairnException.Kind.LOCK_TIMEOUT, "lock.timeout",
                        "another migration run holds the lock on " + table + " and did not finish within "
                                + timeout.toSeconds() + "s: " + holder.map(LockHolder::describe).orElse("holder unknown")
                                + "; nothing was applied. Wait for it, raise --lock-timeout, or if that runner is dead"
                                + " run 'cairn unlock' to see its sessions and end them");
            }
            if (waited.compareTo(nextReport) >= 0) {
                watcher.waiting(holder(c, table), waited);
                nextReport = nextReport.plus(REPORT_EVERY);
            }
            sleep(POLL);
        }
        return new AdvisoryLock(c, key);
    }

    private static boolean tryLock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The session holding the lock, as pg_locks and pg_stat_activity report it. */
    private static Optional<LockHolder> holder(Connection c, TableName table) throws SQLException {
        return AdvisorySessions.holder(c, table).stream().findFirst()
                .map(s -> new LockHolder(s.pid(), s.applicationName(), s.clientAddress(), s.since()));
    }

    /** The lock's key: one per database and schema-qualified history table. */
    static long key(Connection c, TableName table) throws SQLException {
        return key(c.getCatalog() + "/" + table);
    }

    private static long key(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("cairn:" + name).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (d[i] & 0xFF);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CairnException.failed("lock.interrupted", "interrupted while waiting for the migration lock", e);
        }
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        } catch (SQLException e) {
            // The lock is session-level: closing the connection, which the caller does next, releases it too.
        }
    }
}
