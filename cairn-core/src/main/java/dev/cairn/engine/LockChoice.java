package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.LockMode;
import dev.cairn.config.TableName;
import dev.cairn.dialect.Dialect;
import dev.cairn.dialect.LockSession;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Which lock mode is in force given what opening the session found: the configured one, except that a
 * distributed engine (CockroachDB, YugabyteDB, Citus) gets the lease when no mode was set, and that the
 * advisory lock is refused behind a pooler that moves server sessions between transactions.
 *
 * @param leaseReason why the server calls for the lease, if it does
 * @param pooled      whether a connection pooler stands between Cairn and the server
 */
record LockChoice(Configuration config, Optional<String> leaseReason, boolean pooled) {

    /** The lock mode in force. */
    LockMode mode() {
        return !config.lockModeChosen() && leaseReason.isPresent() ? LockMode.TABLE : config.lockMode();
    }

    /**
     * Says when the engine made the lease the lock mode, and refuses the advisory lock behind a pooler
     * that moves server sessions between transactions: the lock would stay with a server session the
     * pooler lends to other clients (another runner among them), so it would keep nobody out.
     */
    void check(Listener listener, Dialect dialect, Connection lock, Connection working) throws SQLException {
        if (mode() != config.lockMode()) {
            listener.on(new Event.LockModeChosen(mode().label(), leaseReason.orElse("")));
        }
        if (mode() != LockMode.ADVISORY || !pooled) {
            return;
        }
        Optional<String> how = dialect.transactionPooling(lock, working);
        if (how.isPresent()) {
            throw CairnException.usage("lock.pooler", "the advisory lock cannot work through this connection pooler: it"
                    + " hands server sessions to other clients between transactions (PgBouncer pool_mode = transaction"
                    + " or statement; " + how.get() + "), so a session advisory lock would stay with a server session"
                    + " the pooler lends to others and keep no other runner out. Use the lease lock: "
                    + Next.setting("lock-mode", "table")
                    + ", or connect directly to the server"
                    + " or through a session-pooled port. Nothing was applied");
        }
    }

    /**
     * The sessions holding the advisory lock, which a lease holder backs off from. On an engine whose
     * advisory locks are why the lease is used (CockroachDB's are stubs, YugabyteDB's catalog may lack
     * what the query reads), a failed look is taken as nobody: a runner there holds none that means anything.
     */
    List<LockSession> advisoryHolders(Dialect dialect, Connection lock, TableName table) throws SQLException {
        java.util.Optional<dev.cairn.dialect.Sessions> sessions = dialect.capability(dev.cairn.dialect.Sessions.class);
        if (sessions.isEmpty()) {
            return List.of();
        }
        if (leaseReason.isEmpty()) {
            return sessions.get().advisoryHolders(lock, table);
        }
        try {
            return sessions.get().advisoryHolders(lock, table);
        } catch (SQLException e) {
            return List.of();
        }
    }
}
