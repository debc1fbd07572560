package dev.cairn.engine;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one way engine code runs work in a transaction on a connection it otherwise uses in
 * autocommit: commit when the work returns, roll back when it throws, and autocommit again either
 * way. A rollback that itself fails is reported with the failure that caused it (as suppressed), never
 * instead of it.
 *
 * <p>Where a site differs it says why: a migration commits with its history row and checks the lock
 * first ({@link Migrate}, {@link SingleTransaction}, {@link Rollback}), and lock-timeout retries roll
 * back to run again ({@link LockGuard}).
 */
final class Transaction {

    /** Work done inside the transaction; {@code E} is a failure of its own it may report (a failed statement). */
    @FunctionalInterface
    interface Work<E extends Exception> {
        void run() throws SQLException, E;
    }

    private Transaction() {
    }

    /** Runs {@code work} in one transaction on {@code c}: committed together, or rolled back together. */
    static <E extends Exception> void run(Connection c, Work<E> work) throws SQLException, E {
        c.setAutoCommit(false);
        try {
            work.run();
            c.commit();
        } catch (Throwable e) {
            rollback(c, e);
            throw e;
        } finally {
            autocommit(c);
        }
    }

    /**
     * Rolls back the transaction open on {@code c}, if any, after {@code failure}; a rollback that fails
     * too (a broken connection: the server aborts the transaction on its own) is added to it.
     */
    static void rollback(Connection c, Throwable failure) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * After a failed migration, seed or rollback step on the session's working connection: rolled back
     * before autocommit is turned on (which would commit what ran so far), and the session put back
     * only if it still works (a session the server ended must not hide the failure behind "cannot reset
     * the session"). Returns {@code failure}, with what failed on the way added to it.
     */
    static RuntimeException abandon(Session db, RuntimeException failure) {
        rollback(db.connection, failure);
        autocommit(db.connection);
        try {
            if (!db.connection.isClosed()) {
                db.resetSession();
            }
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** Back to autocommit, which the rest of Cairn expects; a broken connection is reported by its next statement. */
    static void autocommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // The connection is broken: what used it next says so.
        }
    }
}
