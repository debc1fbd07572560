package dev.cairn.engine;

import dev.cairn.config.Configuration;
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
    final int serverMajor;
    final String name;
    private Connection lockConnection;
    private MigrationLock lock;

    private Database(Configuration config, Connection connection, Dialect dialect, int serverMajor, String name) {
        this.config = config;
        this.connection = connection;
        this.dialect = dialect;
        this.history = new History(dialect, config.table());
        this.serverMajor = serverMajor;
        this.name = name;
    }

    static Database open(Configuration config) {
        Connection c = config.connection().open();
        try {
            c.setAutoCommit(true);
            Dialect dialect = DialectFactory.of(c);
            dialect.prepareSession(c);
            var timeouts = config.sessionTimeouts();
            dialect.applyTimeouts(c, timeouts.lockTimeout().orElse(null), timeouts.statementTimeout().orElse(null), false);
            String name = c.getCatalog() == null ? "" : c.getCatalog();
            return new Database(config, c, dialect, c.getMetaData().getDatabaseMajorVersion(), name);
        } catch (SQLException e) {
            closeQuietly(c);
            throw Jdbc.failed("cannot prepare the session on " + config.connection().describe(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
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
            lock = config.lockMode() == dev.cairn.config.LockMode.TABLE
                    ? LeaseLock.acquire(lockConnection, dialect, config, watcher)
                    : dialect.lock(lockConnection, config.table(), config.lockTimeout(), watcher);
        } catch (SQLException e) {
            throw Jdbc.failed("cannot take the migration lock", e);
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
            if (!history.exists(connection)) {
                history.create(connection);
                listener.on(new Event.HistoryCreated(history.table().toString()));
            }
        } catch (SQLException e) {
            throw Jdbc.failed("cannot create the history table " + history.table(), e);
        }
    }

    java.util.List<dev.cairn.history.HistoryRow> rows() {
        try {
            return history.rows(connection);
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read the history table " + history.table(), e);
        }
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
        if (lockConnection != null) {
            closeQuietly(lockConnection);
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
