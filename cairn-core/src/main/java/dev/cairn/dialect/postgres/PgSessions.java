package dev.cairn.dialect.postgres;

import dev.cairn.config.TableName;
import dev.cairn.dialect.Blocker;
import dev.cairn.dialect.LockSession;
import dev.cairn.dialect.Sessions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** PostgreSQL's sessions: the advisory lock's holders and their ending ({@link AdvisorySessions}), blockers ({@link LockBlockers}). */
final class PgSessions implements Sessions {

    @Override
    public List<LockSession> advisoryHolders(Connection connection, TableName table)
            throws SQLException {
        return AdvisorySessions.holder(connection, table);
    }

    @Override
    public boolean terminateSession(Connection connection, int pid, long waitMillis) throws SQLException {
        return AdvisorySessions.terminate(connection, pid, waitMillis);
    }

    @Override
    public String terminateAdvice() {
        return "after pg_terminate_backend; look at it in pg_stat_activity (a superuser or a member of"
                + " pg_signal_backend may end it)";
    }

    @Override
    public java.util.OptionalInt sessionId(Connection connection) throws SQLException {
        return LockBlockers.sessionId(connection);
    }

    @Override
    public List<Blocker> blockers(Connection watcher, int pid) throws SQLException {
        return LockBlockers.blockers(watcher, pid);
    }
}
