package dev.cairn.dialect.postgres;

import dev.cairn.dialect.Blocker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Who a waiting statement is blocked by: {@code pg_blocking_pids} joined to {@code pg_stat_activity}. */
final class LockBlockers {

    /** lock_not_available: lock_timeout ran out while the statement waited for a lock. */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    private static final String BLOCKERS = "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.query, '')"
            + " FROM pg_catalog.pg_stat_activity a WHERE a.pid = ANY (pg_catalog.pg_blocking_pids(?)) ORDER BY a.pid";

    private LockBlockers() {
    }

    static boolean lockNotAvailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && LOCK_NOT_AVAILABLE.equals(s.getSQLState())) {
                return true;
            }
        }
        // A batch's failure carries the server's error as its next exception.
        SQLException next = e.getNextException();
        return next != null && next != e && lockNotAvailable(next);
    }

    /**
     * The server session's pid, asked of the server: the driver's own pid is the pooler's behind
     * PgBouncer, which {@code pg_blocking_pids} would not know.
     */
    static OptionalInt sessionId(Connection connection) throws SQLException {
        return OptionalInt.of(Pooler.pid(connection));
    }

    static List<Blocker> blockers(Connection watcher, int pid) throws SQLException {
        List<Blocker> out = new ArrayList<>();
        try (PreparedStatement ps = watcher.prepareStatement(BLOCKERS)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Blocker(rs.getInt(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }
}
