package dev.cairn.engine;

import java.time.Duration;
import dev.cairn.dialect.LeaseTable;
import dev.cairn.dialect.Lease;
import dev.cairn.config.LockMode;
import dev.cairn.config.Configuration;
import dev.cairn.config.TableName;
import dev.cairn.dialect.Dialect;
import dev.cairn.dialect.DialectFactory;
import dev.cairn.dialect.LeaseLock;
import dev.cairn.dialect.LockWatcher;
import dev.cairn.dialect.MigrationLock;
import dev.cairn.error.CairnException;
import dev.cairn.history.History;
import dev.cairn.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * An open working connection with what goes with it: the dialect, the history table, the
 * server's version. The migration lock, when taken, lives on a connection of its own so that it
 * outlasts any transaction on the working one.
 */
final class Database implements AutoCloseable {

    final Configuration config;
    final Connection connection;
    final Dialect dialect;
    final History history;
    /** The history table, schema-qualified with the schema it resolved to when the session opened. */
    final TableName table;
    final int serverMajor;
    final String name;
    private static final Duration OTHER_MODE_POLL = Duration.ofMillis(500);

    private Connection lockConnection;
    private MigrationLock lock;
    /** True once the history table is known to exist: it is not dropped while Cairn works (reset closes after). */
    private boolean historyExists;

    /** The session as it was handed to Cairn, put back after every script and before closing. */
    private final java.util.Map<String, String> handedOver;

    private Database(Configuration config, Connection connection, Dialect dialect, TableName table, int serverMajor,
                     String name, java.util.Map<String, String> handedOver) {
        this.handedOver = handedOver;
        this.config = config;
        this.connection = connection;
        this.dialect = dialect;
        this.table = table;
        this.history = new History(dialect, table);
        this.serverMajor = serverMajor;
        this.name = name;
    }

    static Database open(Configuration config) {
        Connection c = config.connection().open();
        try {
            c.setAutoCommit(true);
            Dialect dialect = DialectFactory.of(c);
            Dialect.OpenedSession session = dialect.openSession(c, config.table(), config.sessionTimeouts());
            // Resolved once: a migration that changes search_path must not move Cairn's own tables,
            // and every spelling of the same table must take the same lock.
            TableName table = config.table().schema().isPresent() ? config.table()
                    : new TableName(Optional.of(session.currentSchema()), config.table().name());
            Database db = new Database(config, c, dialect, table, c.getMetaData().getDatabaseMajorVersion(),
                    session.database(), session.handedOver());
            db.historyExists = session.historyExists();
            return db;
        } catch (SQLException e) {
            closeQuietly(c);
            throw Jdbc.failed("cannot prepare the session on " + config.connection().describe(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Puts the session back as Cairn set it up, after a migration or seed that may have changed it
     * ({@code SET search_path}, {@code SET ROLE}, timeouts): nothing one script sets leaks into the
     * next. Closing puts back the session as it was handed over, for the application's pool.
     */
    void resetSession() {
        try {
            dialect.resetSession(connection, handedOver, config.sessionTimeouts());
        } catch (SQLException e) {
            throw Jdbc.failed("cannot reset the session after a script", e);
        }
    }

    /**
     * Adds a migration's history row in its transaction, and in the same round trip first puts the
     * session back as Cairn set it up (see {@link #resetSession}), so that the row is written as the
     * user Cairn connected as even when the script switched roles.
     */
    void recordAndResetSession(dev.cairn.history.NewRow row) throws SQLException {
        history.insertAfter(connection, dialect.resetSessionSql(connection, handedOver, config.sessionTimeouts()), row);
    }

    /**
     * Takes the migration lock on a second connection, waiting up to the configured timeout: the
     * dialect's advisory lock, or in table mode a lease whose heartbeat uses that connection.
     */
    void lock(Listener listener) {
        lockConnection = config.connection().open();
        try {
            lockConnection.setAutoCommit(true);
            dialect.prepareSession(lockConnection);
            LockWatcher watcher = (holder, waited) -> listener.on(new Event.LockWaiting(holder, waited));
            long start = System.nanoTime();
            while (true) {
                Duration left = config.lockTimeout().minusNanos(System.nanoTime() - start);
                lock = config.lockMode() == LockMode.TABLE
                        ? LeaseLock.acquire(lockConnection, dialect, table, config.withLockTimeout(left), watcher)
                        : dialect.lock(lockConnection, table, left.isNegative() ? Duration.ZERO : left, watcher);
                Optional<String> other = otherModeHolder();
                if (other.isEmpty()) {
                    return;
                }
                lock.close();
                lock = null;
                waitForOtherMode(other.get(), Duration.ofNanos(System.nanoTime() - start), listener);
            }
        } catch (SQLException e) {
            throw Jdbc.failed("cannot take the migration lock", e);
        }
    }

    /**
     * A runner in the other lock mode (a lease while this one holds the advisory lock, or the
     * advisory lock while this one holds the lease): both modes check the other after taking their
     * own, so two runners configured differently never migrate at once.
     */
    private Optional<String> otherModeHolder() throws SQLException {
        if (config.lockMode() == LockMode.TABLE) {
            var sessions = dialect.advisoryHolders(lockConnection, table);
            return sessions.isEmpty() ? Optional.empty()
                    : Optional.of("the advisory lock (lock mode advisory) held by " + sessions.get(0).describe());
        }
        LeaseTable leases = new LeaseTable(dialect, table);
        if (!dialect.tableExists(lockConnection, leases.table())) {
            return Optional.empty();
        }
        return leases.read(lockConnection).filter(Lease::live)
                .map(l -> "the lease in " + leases.table() + " (lock mode table) held by " + l.describe());
    }

    private void waitForOtherMode(String holder, Duration waited, Listener listener) {
        if (waited.compareTo(config.lockTimeout()) >= 0) {
            throw new CairnException(CairnException.Kind.LOCK_TIMEOUT, "lock.timeout", "another migration run holds "
                    + holder + " and did not finish within " + config.lockTimeout().toSeconds() + "s; nothing was"
                    + " applied. Wait for it, or check that every runner uses the same --lock-mode");
        }
        listener.on(new Event.LockWaiting(Optional.empty(), waited));
        try {
            Thread.sleep(OTHER_MODE_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CairnException.failed("lock.interrupted", "interrupted while waiting for the migration lock", e);
        }
    }

    /** Stops the operation before its next migration when the lock is gone (a lost lease). */
    void verifyLock() {
        if (lock == null) {
            return;
        }
        try {
            lock.verify();
        } catch (SQLException e) {
            throw Jdbc.failed("cannot renew the migration lease; stopped before the next migration", e);
        }
    }

    /** Creates the history table when it does not exist yet; tells the listener when it did. */
    void ensureHistory(Listener listener) {
        try {
            if (!historyExists()) {
                history.create(connection);
                historyExists = true;
                listener.on(new Event.HistoryCreated(history.table().toString()));
            }
        } catch (SQLException e) {
            throw Jdbc.failed("cannot create the history table " + history.table(), e);
        }
    }

    /** The history table was dropped (reset), in the transaction under way: the next {@link #ensureHistory} creates it. */
    void historyDropped() {
        historyExists = false;
    }

    java.util.List<dev.cairn.history.HistoryRow> rows() {
        try {
            return historyExists() ? history.rows(connection) : java.util.List.of();
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read the history table " + history.table(), e);
        }
    }

    private boolean historyExists() throws SQLException {
        if (!historyExists) {
            historyExists = history.exists(connection);
        }
        return historyExists;
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
        if (lockConnection != null) {
            closeQuietly(lockConnection);
        }
        try {
            // A connection Cairn opened from a URL is closed for good: nothing to put back.
            if (config.connection().lent() && !connection.isClosed() && connection.getAutoCommit()) {
                dialect.restoreSession(connection, handedOver);
            }
        } catch (SQLException | RuntimeException e) {
            // A broken connection is closed below; the pool discards it.
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            // Closing after the work is done or failed: nothing left to protect.
        }
    }

    static CairnException refuse(String code, String message) {
        return CairnException.validation(code, message);
    }
}
