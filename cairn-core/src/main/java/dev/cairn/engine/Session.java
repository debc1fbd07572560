package dev.cairn.engine;

import dev.cairn.error.Next;
import java.time.Duration;
import dev.cairn.dialect.LeaseTable;
import dev.cairn.dialect.Lease;
import dev.cairn.config.LockMode;
import dev.cairn.config.Configuration;
import dev.cairn.config.TableName;
import dev.cairn.dialect.Dialect;
import dev.cairn.dialect.DialectFactory;
import dev.cairn.dialect.LeaseLock;
import dev.cairn.dialect.LockHolder;
import dev.cairn.dialect.LockWait;
import dev.cairn.dialect.MigrationLock;
import dev.cairn.dialect.SessionSettings;
import dev.cairn.error.CairnException;
import dev.cairn.history.History;
import dev.cairn.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Cairn's session on the target: the open working connection with what goes with it (the dialect,
 * the history table, the server's version, the settings as handed over) and, when taken, the
 * migration lock, which lives on a connection of its own so that it
 * outlasts any transaction on the working one.
 */
final class Session implements AutoCloseable {

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
    private Connection watchConnection;
    private boolean watchUnavailable;
    private MigrationLock lock;
    /** True once the history table is known to exist: it is not dropped while Cairn works (reset closes after). */
    private boolean historyExists;

    /** The session as it was handed to Cairn, put back after every script and before closing. */
    private final java.util.Map<String, String> handedOver;
    /** Which lock mode is in force, given the server (see {@link LockChoice}). */
    private LockChoice lockChoice;

    private Session(Configuration config, Connection connection, Dialect dialect, TableName table, int serverMajor,
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

    static Session open(Configuration config) {
        Connection c = config.connection().open();
        try {
            c.setAutoCommit(true);
            Dialect dialect = DialectFactory.of(c);
            Dialect.OpenedSession session = dialect.openSession(c, config.table(), own(config));
            // Resolved once: a migration that changes search_path must not move Cairn's own tables,
            // and every spelling of the same table must take the same lock.
            TableName table = config.table().schema().isPresent() ? config.table()
                    : new TableName(Optional.of(session.currentSchema()), config.table().name());
            Session db = new Session(config, c, dialect, table, c.getMetaData().getDatabaseMajorVersion(),
                    session.database(), session.handedOver());
            db.historyExists = session.historyExists();
            db.lockChoice = new LockChoice(config, session.leaseReason(), session.pooled());
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
            dialect.resetSession(connection, handedOver, own(config));
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
        history.insertAfter(connection, dialect.resetSessionSql(connection, handedOver, own(config)), row);
    }

    /** Cairn's own settings for the working session: the timeouts, and the schema of a run inside one. */
    private static SessionSettings own(Configuration config) {
        return new SessionSettings(config.connection().schema(), config.sessionTimeouts());
    }

    /** The lock mode in force (see {@link LockChoice#mode()}). */
    LockMode lockMode() {
        return lockChoice.mode();
    }

    /**
     * Starts a transaction on the working connection. Behind a pooler, Cairn's settings (timeouts) hold
     * for one transaction at a time, so they are made again at the start of each.
     */
    void begin() throws SQLException {
        connection.setAutoCommit(false);
        if (lockChoice.pooled()) {
            resetSession();
        }
    }

    /**
     * Takes the migration lock on a second connection, waiting up to the configured timeout: the
     * dialect's advisory lock, or in table mode a lease whose heartbeat uses that connection. A session
     * that holds it already (several operations on one session) keeps it until it closes.
     */
    void lock(Listener listener) {
        if (lock != null) {
            return;
        }
        lockConnection = openLockConnection();
        try {
            lockConnection.setAutoCommit(true);
            dialect.prepareSession(lockConnection);
            lockChoice.check(listener, dialect, lockConnection, connection);
            LockWait wait = new LockWait(config.lockTimeout(),
                    (holder, waited) -> listener.on(new Event.LockWaiting(holder, waited)));
            while (true) {
                lock = lockMode() == LockMode.TABLE
                        ? LeaseLock.acquire(lockConnection, dialect, table, config.leaseTtl(), wait)
                        : dialect.lock(lockConnection, table, wait);
                Optional<OtherMode> other = otherModeHolder();
                if (other.isEmpty()) {
                    return;
                }
                lock.close();
                lock = null;
                waitForOtherMode(other.get(), wait);
            }
        } catch (SQLException e) {
            throw Jdbc.failed("cannot take the migration lock", e);
        }
    }

    /**
     * The lock's own session. A role or database whose connection limit leaves room for one session
     * only fails here, with the working session open: say that Cairn needs two.
     */
    private Connection openLockConnection() {
        try {
            return config.connection().open();
        } catch (CairnException e) {
            if (e.getCause() instanceof SQLException s && "53300".equals(s.getSQLState())) {
                throw CairnException.failed("db.connect-limit", "cannot open the second session on "
                        + config.connection().describe() + ", the one that holds the migration lock: "
                        + Jdbc.error(s).describe() + ". Cairn needs two sessions at once, one for the migration lock"
                        + " and one for the migrations, and the first is open: raise the role's or the database's"
                        + " CONNECTION LIMIT to at least 2 (ALTER ROLE name CONNECTION LIMIT 2), or end other"
                        + " sessions; nothing was applied", s);
            }
            throw e;
        }
    }

    /** Who holds the lock of the other mode, and how messages name it. */
    private record OtherMode(String description, LockHolder holder) {
    }

    /**
     * A runner in the other lock mode (a lease while this one holds the advisory lock, or the
     * advisory lock while this one holds the lease): both modes check the other after taking their
     * own, so two runners configured differently never migrate at once.
     */
    private Optional<OtherMode> otherModeHolder() throws SQLException {
        if (lockMode() == LockMode.TABLE) {
            var sessions = lockChoice.advisoryHolders(dialect, lockConnection, table);
            return sessions.stream().findFirst().map(s -> new OtherMode("the advisory lock (lock mode advisory) held by "
                    + s.describe(), new LockHolder(s.pid(), s.applicationName(), s.clientAddress(), s.since())));
        }
        LeaseTable leases = LeaseTable.of(dialect, table);
        if (!dialect.tableExists(lockConnection, leases.table())) {
            return Optional.empty();
        }
        return leases.read(lockConnection).filter(Lease::live)
                .map(l -> new OtherMode("the lease in " + leases.table() + " (lock mode table) held by " + l.describe(),
                        l.holder()));
    }

    /** Waits a moment for the other mode's holder, reporting it at the same cadence as any lock wait. */
    private void waitForOtherMode(OtherMode other, LockWait wait) throws SQLException {
        wait.retry(OTHER_MODE_POLL, () -> Optional.of(other.holder()), () -> new CairnException(
                CairnException.Kind.LOCK_TIMEOUT, "lock.timeout", "another migration run holds "
                + other.description() + " and did not finish within " + wait.timeoutText() + "; nothing was"
                + " applied. Wait for it, or check that every runner uses the same " + Next.setting("lock-mode")));
    }

    /**
     * A session of its own on which the lock-wait guard asks the server who a waiting migration is
     * blocked by; opened on first use (on the guard's thread, so only for a migration that runs long
     * enough to be looked at), closed with this. Not the lock's session: an error met there would hide
     * why the lock was lost. Empty when it cannot be opened (a connection limit): the wait is then
     * reported without its blockers.
     */
    synchronized Optional<Connection> watchConnection() {
        if (watchConnection == null && !watchUnavailable) {
            try {
                watchConnection = config.connection().open();
                watchConnection.setAutoCommit(true);
            } catch (SQLException | RuntimeException e) {
                watchUnavailable = true;
                if (watchConnection != null) {
                    closeQuietly(watchConnection);
                    watchConnection = null;
                }
            }
        }
        return Optional.ofNullable(watchConnection);
    }

    /** Stops the operation before its next migration when the lock is gone (a lost lease or lock session). */
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

    /**
     * Right before a migration (or a rollback step) commits, in its transaction: checks on the working
     * connection that the lock is still held (advisory mode; see {@link MigrationLock#verifyHeld}). When
     * it is lost, rolls the transaction back and stops with exit 5.
     *
     * @param state   what that leaves, for the message: {@code rolled back: nothing of 005 was applied; …}
     * @param command the command to run again
     */
    void verifyLockBeforeCommit(String state, String command) {
        if (lock == null) {
            return;
        }
        try {
            lock.verifyHeld(connection);
        } catch (CairnException e) {
            Transaction.rollback(connection, e);
            throw new CairnException(e.kind(), e.code(), e.template() + "\n  " + state
                    + "\n  next: check '" + Next.action("status") + "' (another runner may be applying the rest), then"
                    + " run '" + Next.action(command) + "' again", e);
        } catch (SQLException e) {
            Transaction.rollback(connection, e);
            throw Jdbc.failed("cannot check that the migration lock is still held (" + state + ")", e);
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
            throw otherToolsTable(e).orElseGet(() -> Jdbc.failed("cannot read the history table " + history.table(), e));
        }
    }

    /**
     * When the configured history table is another tool's (a column Cairn needs is missing and the
     * columns are that tool's), a usage error saying so and how to take it over.
     */
    private java.util.Optional<CairnException> otherToolsTable(SQLException e) {
        if (!"42703".equals(e.getSQLState())) {
            return java.util.Optional.empty();
        }
        try {
            return dev.cairn.history.foreign.Tables.recognise(connection, dialect, table).map(tool ->
                    CairnException.usage("history.other-tool", "the history table " + table + " is not Cairn's: it"
                            + " looks like " + tool + "'s history table. Keep Cairn's history in a table of its own"
                            + " (the default cairn_history: drop " + Next.setting("table") + ") and"
                            + " take this one over with '"
                            + Next.action("import", Next.setting("from", tool.toString()),
                            Next.setting("table", table.toString())) + "'."
                            + " Nothing was changed"));
        } catch (SQLException | RuntimeException ignored) {
            return java.util.Optional.empty();
        }
    }

    /** Whether the history table exists; asked of the server only until it is known to. */
    boolean historyExists() throws SQLException {
        if (!historyExists) {
            historyExists = history.exists(connection);
        }
        return historyExists;
    }

    @Override
    public void close() {
        synchronized (this) {
            watchUnavailable = true;
            if (watchConnection != null) {
                closeQuietly(watchConnection);
            }
        }
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
