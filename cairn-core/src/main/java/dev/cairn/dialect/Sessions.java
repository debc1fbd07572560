package dev.cairn.dialect;

import dev.cairn.config.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalInt;

/**
 * Capability: seeing and ending other sessions on the server. Used by {@code unlock} in advisory
 * mode (who holds the lock, end it), by the lease lock (a runner in advisory mode to back off from),
 * and by the lock-wait guard (who a waiting statement is blocked by). Without it, {@code unlock}
 * clears only leases and waits are reported without their blockers.
 */
public interface Sessions {

    /** The sessions holding the advisory migration lock of {@code table}, the lock's own first, if any. */
    List<LockSession> advisoryHolders(Connection connection, TableName table) throws SQLException;

    /**
     * Ends another session (one holding the migration lock), waiting up to {@code waitMillis} for
     * it to be gone where the server can.
     *
     * @return whether the server signalled it (false when it had already ended)
     */
    boolean terminateSession(Connection connection, int pid, long waitMillis) throws SQLException;

    /**
     * What to tell a user whose session {@code terminateSession} could not end: how the server
     * was asked, where to look at the session and who may end it.
     */
    String terminateAdvice();

    /** The server's id for the session on {@code connection}, when the dialect can name blocking sessions. */
    OptionalInt sessionId(Connection connection) throws SQLException;

    /**
     * The sessions that the session {@code pid} is waiting behind for a lock, asked on another
     * connection ({@code watcher}) while it waits; empty when it waits for none.
     */
    List<Blocker> blockers(Connection watcher, int pid) throws SQLException;
}
