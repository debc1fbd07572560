package dev.cairn.dialect.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * A connection pooler between Cairn and the server (PgBouncer, and the others that answer the client's
 * start-up themselves). Such a pooler gives the client a cancel key of its own, so the backend pid the
 * driver was told at connection time is not the server session's {@code pg_backend_pid()}: that is how
 * Cairn sees it, in the round trip that opens its session. Reached directly, or through a plain TCP
 * proxy, the two are equal.
 *
 * <p>Behind a pooler, Cairn sets its own settings for the transaction only (a server session set for
 * itself would keep them after the pooler lends it to another client), and the driver prepares no
 * named statements on the server (another client's statement of the same name may be there, or ours
 * not: the pgjdbc {@code prepareThreshold=0} that PgBouncer's documentation asks for before 1.21).
 */
final class Pooler {

    /** The server session's backend pid. */
    static final String SERVER_PID = "pg_catalog.pg_backend_pid()";

    /** True behind a pooler: the server's pid is not the driver's (bound to {@code ?}; 0 when the driver does not say). */
    static final String POOLED = "COALESCE(pg_catalog.pg_backend_pid() <> NULLIF(?::int, 0), false)";

    /** The key under which the settings handed over keep the driver's prepare threshold, to put it back. */
    static final String THRESHOLD = "pgjdbc.prepareThreshold";

    private Pooler() {
    }

    /** The backend pid the server (or a pooler) gave the driver at start-up; 0 for a driver that does not say. */
    static int driverPid(Connection c) throws SQLException {
        return c.isWrapperFor(org.postgresql.PGConnection.class)
                ? c.unwrap(org.postgresql.PGConnection.class).getBackendPID() : 0;
    }

    /** Whether a pooler stands between: the server session's pid is not the one the driver was given. */
    static boolean pooled(Connection c, int serverPid) throws SQLException {
        int driver = driverPid(c);
        return driver != 0 && driver != serverPid;
    }

    /** Stops pgjdbc preparing named statements on the server; returns the threshold it had. */
    static Optional<String> noServerPrepare(Connection c) throws SQLException {
        if (!c.isWrapperFor(org.postgresql.PGConnection.class)) {
            return Optional.empty();
        }
        org.postgresql.PGConnection pg = c.unwrap(org.postgresql.PGConnection.class);
        int before = pg.getPrepareThreshold();
        pg.setPrepareThreshold(0);
        return Optional.of(Integer.toString(before));
    }

    /** Puts the driver's prepare threshold back, for a connection going back to the application's pool. */
    static void restoreThreshold(Connection c, Map<String, String> handedOver) throws SQLException {
        String before = handedOver.get(THRESHOLD);
        if (before != null && c.isWrapperFor(org.postgresql.PGConnection.class)) {
            c.unwrap(org.postgresql.PGConnection.class).setPrepareThreshold(Integer.parseInt(before));
        }
    }

    /**
     * Whether the pooler moves server sessions between clients from one transaction to the next
     * (PgBouncer's {@code pool_mode = transaction} or {@code statement}). Each of Cairn's two connections
     * asks for its server pid twice, in turns, each question a transaction of its own: in session pooling
     * each connection keeps one server session for its life, so the pids stay put and differ; in
     * transaction pooling the session one connection has just given back is the one an idle pool hands
     * the other (PgBouncer reuses the most recently used one first), and on a busy pool the pids move.
     * A pool that happens to give each connection the same session every time looks pinned: see the
     * README, "Connection poolers", for that limit.
     */
    static Optional<String> transactionPooling(Connection lock, Connection working) throws SQLException {
        int l1 = pid(lock);
        int w1 = pid(working);
        int l2 = pid(lock);
        int w2 = pid(working);
        if (w1 == l1 || l2 == w1 || w2 == l2) {
            return Optional.of("Cairn's two connections were served by the same server session (pid "
                    + (w1 == l1 ? l1 : l2 == w1 ? w1 : l2) + ") one after the other");
        }
        if (l1 != l2 || w1 != w2) {
            return Optional.of("one of Cairn's connections was served by server session pid " + (l1 != l2 ? l1 : w1)
                    + ", then by pid " + (l1 != l2 ? l2 : w2) + " in its next transaction");
        }
        return Optional.empty();
    }

    /** The pid of the server session serving {@code c} now (behind a pooler, not the driver's). */
    static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + SERVER_PID)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
