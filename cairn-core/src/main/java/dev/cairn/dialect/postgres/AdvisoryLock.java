package dev.cairn.dialect.postgres;

import dev.cairn.config.TableName;
import dev.cairn.dialect.LockHolder;
import dev.cairn.dialect.LockWait;
import dev.cairn.dialect.MigrationLock;
import dev.cairn.error.CairnException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session-level advisory lock on its own connection. The server releases it when the session
 * ends, so a killed runner never leaves it behind:
 * https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
 *
 * <p>The same holds the other way round: if the lock session ends while Cairn runs (an
 * {@code idle_session_timeout}, {@code pg_terminate_backend}, a dropped network), the lock is gone
 * and another runner may take it. So the session is kept busy (it sets {@code idle_session_timeout}
 * to 0 when it opens, and a daemon thread sends a query every few seconds, so that nothing that ends
 * idle sessions sees it idle), and before each migration commits, {@link #verifyHeld} checks on the
 * working connection that the lock is still held by the same backend. That check also takes a
 * second, "commit" key in shared mode for the rest of the transaction, and a runner that takes the
 * lock first waits until nobody holds the commit key: so a migration that passed the check commits
 * before the next holder reads the history, and one that failed it is rolled back.
 */
final class AdvisoryLock implements MigrationLock {

    /** Between two keep-alive queries on the lock session: far below any idle timeout people set. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(5);

    private final Connection connection;
    private final TableName table;
    private final long key;
    private final long commitKey;
    private final int pid;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread keepAlive;
    /** Serialises the keep-alive's queries with the others on the lock session. */
    private final ReentrantLock session = new ReentrantLock();
    /** What the last query on the lock session failed with; empty while it is alive. */
    private volatile Optional<SQLException> lost = Optional.empty();
    /** Whether the lock session is known to be gone. */
    private volatile boolean lostKnown;
    /**
     * The server session now serving the lock's connection when it is not the one that took the lock (0
     * while it is): a pooler moving sessions between transactions that the check before the lock missed.
     */
    private volatile int movedTo;

    private AdvisoryLock(Connection connection, TableName table, long key, long commitKey, int pid) {
        this.connection = connection;
        this.table = table;
        this.key = key;
        this.commitKey = commitKey;
        this.pid = pid;
        this.keepAlive = new Thread(this::keepAlive, "cairn-lock-keep-alive " + table);
        keepAlive.setDaemon(true);
    }

    static MigrationLock acquire(Connection c, TableName table, LockWait wait) throws SQLException {
        long key = key(c, table);
        long commitKey = commitKey(c, table);
        int pid = 0;
        boolean held = false;
        while (true) {
            if (!held) {
                pid = tryLock(c, key);
                held = pid != 0;
            }
            if (held && noCommitInFlight(c, commitKey)) {
                AdvisoryLock lock = new AdvisoryLock(c, table, key, commitKey, pid);
                lock.keepAlive.start();
                return lock;
            }
            if (!held) {
                wait.retry(LockWait.POLL, () -> holder(c, table), () -> timeout(table, wait, holder(c, table)));
                continue;
            }
            // Ours, but the run before is still committing: wait for it, holding the lock.
            if (wait.expired()) {
                unlock(c, key);
                throw committing(table, wait);
            }
            wait.pause(LockWait.POLL);
        }
    }

    private static CairnException timeout(TableName table, LockWait wait, Optional<LockHolder> holder) {
        return new CairnException(CairnException.Kind.LOCK_TIMEOUT, "lock.timeout",
                "another migration run holds the lock on " + table + " and did not finish within "
                        + wait.timeoutText() + ": " + holder.map(LockHolder::describe).orElse("holder unknown")
                        + "; nothing was applied. Wait for it, raise --lock-timeout, or if that runner is dead"
                        + " run 'cairn unlock' to see its sessions and end them");
    }

    private static CairnException committing(TableName table, LockWait wait) {
        return new CairnException(CairnException.Kind.LOCK_TIMEOUT, "lock.timeout", "took the lock on " + table
                + ", but the run that held it before was still committing a migration after " + wait.timeoutText()
                + " (its session holds Cairn's commit key); nothing was applied. Run 'cairn unlock' to see the"
                + " sessions, then run the command again");
    }

    /** Takes the lock if free; returns this session's backend pid when it did, 0 when another holds it. */
    private static int tryLock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_catalog.pg_try_advisory_lock(?), pg_catalog.pg_backend_pid()")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? rs.getInt(2) : 0;
            }
        }
    }

    /**
     * Whether no earlier holder is committing a migration right now: the commit key is free of shared
     * holders. Taken for the statement's own transaction only (autocommit), so it is let go at once.
     */
    private static boolean noCommitInFlight(Connection c, long commitKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, commitKey);
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
        return key("cairn:" + c.getCatalog() + "/" + table);
    }

    /** The key a committing migration holds in shared mode (see the class comment). */
    private static long commitKey(Connection c, TableName table) throws SQLException {
        return key("cairn-commit:" + c.getCatalog() + "/" + table);
    }

    private static long key(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (d[i] & 0xFF);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Before each migration: fails when the keep-alive query already found the lock session gone. */
    @Override
    public void verify() {
        if (lostKnown) {
            throw lockLost("this run stopped before its next migration. What it applied so far stays applied:"
                    + " check 'cairn status', then run the command again");
        }
    }

    /**
     * On the working connection, in the transaction about to commit: takes the commit key in shared
     * mode until the commit, then checks in pg_locks that the lock session (same backend pid) still
     * holds the lock. The subquery reads the commit key's result, so it runs after it.
     */
    @Override
    public void verifyHeld(Connection working) throws SQLException {
        if (lostKnown) {
            throw lockLost("");
        }
        String sql = "SELECT f.got AND EXISTS (SELECT 1 FROM pg_catalog.pg_locks l WHERE f.got"
                + " AND l.locktype = 'advisory' AND l.granted AND l.pid = ? AND l.objsubid = 1"
                + " AND l.classid = (?::bigint)::oid AND l.objid = (?::bigint)::oid"
                + " AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()))"
                + " FROM (SELECT pg_catalog.pg_try_advisory_xact_lock_shared(?) AS got OFFSET 0) f";
        boolean held;
        try (PreparedStatement ps = working.prepareStatement(sql)) {
            ps.setInt(1, pid);
            ps.setLong(2, key >>> 32);
            ps.setLong(3, key & 0xFFFFFFFFL);
            ps.setLong(4, commitKey);
            try (ResultSet rs = ps.executeQuery()) {
                held = rs.next() && rs.getBoolean(1);
            }
        }
        if (!held) {
            // Ask the lock session why, unless the keep-alive is stuck on it (a network that drops packets).
            try {
                if (session.tryLock(1, TimeUnit.SECONDS)) {
                    try {
                        probe();
                    } finally {
                        session.unlock();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lostKnown = true;
            throw lockLost("");
        }
    }

    /**
     * Asks the lock session once which server session serves it, to learn whether it is gone or was moved
     * by a pooler; the caller holds {@code session}.
     */
    private void probe() {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_backend_pid()")) {
            rs.next();
            int now = rs.getInt(1);
            if (now != pid) {
                movedTo = now;
            }
        } catch (SQLException e) {
            lost = Optional.of(e);
        }
    }

    private CairnException lockLost(String then) {
        if (movedTo != 0) {
            return new CairnException(CairnException.Kind.LOCK_TIMEOUT, "lock.lost", "lost the migration lock: the"
                    + " advisory lock on " + table + " was taken in server session pid " + pid + ", but its connection is"
                    + " now served by pid " + movedTo + ": a connection pooler hands server sessions around between"
                    + " transactions (PgBouncer pool_mode = transaction), so the lock keeps no other runner out. Use the"
                    + " lease lock, --lock-mode table" + (then.isEmpty() ? "" : "; " + then));
        }
        String why = lost.map(e -> " (" + dev.cairn.jdbc.Jdbc.error(e).describe() + ")").orElse("");
        return new CairnException(CairnException.Kind.LOCK_TIMEOUT, "lock.lost", "lost the migration lock: the"
                + " session holding the advisory lock on " + table + " (pid " + pid + ") has ended" + why
                + ", so the server released the lock and another runner may be migrating now (a session is ended by"
                + " pg_terminate_backend, a server restart, a session timeout, or a broken network)"
                + (then.isEmpty() ? "" : "; " + then), lost.orElse(null));
    }

    /** Sends a query every few seconds until closed, so that the session never looks idle. */
    private void keepAlive() {
        try {
            while (!stop.await(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS)) {
                if (lostKnown) {
                    return;
                }
                session.lock();
                try {
                    probe();
                    // Only a closed connection means a lost lock; any other error leaves the session, and the lock, alive.
                    if (movedTo != 0 || lost.isPresent() && isClosed()) {
                        lostKnown = true;
                        return;
                    }
                    lost = Optional.empty();
                } finally {
                    session.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isClosed() {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            keepAlive.join(KEEP_ALIVE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            unlock(connection, key);
        } catch (SQLException e) {
            // The lock is session-level: closing the connection, which the caller does next, releases it too.
        }
    }

    private static void unlock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        }
    }
}
