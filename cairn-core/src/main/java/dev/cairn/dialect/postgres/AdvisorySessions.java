package dev.cairn.dialect.postgres;

import dev.cairn.config.TableName;
import dev.cairn.dialect.LockSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code cairn unlock} needs in advisory mode: the session holding Cairn's advisory lock, the
 * other sessions of the same runner, and ending them. PostgreSQL only, like the advisory lock.
 */
final class AdvisorySessions {

    /**
     * A name Cairn gave its own sessions, whole ({@code cairn/0.1.0 host pid 1234}): only then do
     * equal names mean the same process. A name cut at 63 bytes may be shared by other hosts.
     */
    private static final Pattern CAIRN_NAME = Pattern.compile("cairn/\\S+ \\S.* pid \\d+");

    private static final String COLUMNS = "a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'local'),"
            + " a.backend_start, coalesce(a.state, ''), coalesce(a.query, '')";

    private AdvisorySessions() {
    }

    /**
     * The session holding the advisory lock of {@code table} first, then the other sessions of the
     * same Cairn runner in this database (its working connection, busy with a migration); empty when
     * nobody holds the lock. Never includes the calling session.
     */
    public static List<LockSession> holder(Connection c, TableName table) throws SQLException {
        long key = AdvisoryLock.key(c, table);
        String sql = "SELECT " + COLUMNS + " FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                + " AND l.classid = (?::bigint)::oid AND l.objid = (?::bigint)::oid"
                + " AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())";
        List<LockSession> sessions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xFFFFFFFFL);
            sessions.addAll(read(ps));
        }
        if (sessions.isEmpty() || !CAIRN_NAME.matcher(sessions.get(0).applicationName()).matches()) {
            return sessions;
        }
        LockSession holder = sessions.get(0);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM pg_catalog.pg_stat_activity a"
                + " WHERE a.datname = pg_catalog.current_database() AND a.application_name = ?"
                + " AND coalesce(host(a.client_addr), 'local') = ? AND a.pid <> ? AND a.pid <> pg_catalog.pg_backend_pid()"
                + " ORDER BY a.pid")) {
            ps.setString(1, holder.applicationName());
            ps.setString(2, holder.clientAddress());
            ps.setInt(3, holder.pid());
            sessions.addAll(read(ps));
        }
        return List.copyOf(sessions);
    }

    /**
     * Ends a session with {@code pg_terminate_backend}; on PostgreSQL 14+ waits up to
     * {@code waitMillis} for it to be gone.
     * https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADMIN-SIGNAL
     *
     * @return whether the server signalled it (false when it had already ended)
     */
    public static boolean terminate(Connection c, int pid, long waitMillis) throws SQLException {
        boolean waits = c.getMetaData().getDatabaseMajorVersion() >= 14;
        try (PreparedStatement ps = c.prepareStatement(waits
                ? "SELECT pg_catalog.pg_terminate_backend(?, ?)" : "SELECT pg_catalog.pg_terminate_backend(?)")) {
            ps.setInt(1, pid);
            if (waits) {
                ps.setLong(2, waitMillis);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static List<LockSession> read(PreparedStatement ps) throws SQLException {
        List<LockSession> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LockSession(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4) == null ? java.time.Instant.EPOCH : rs.getTimestamp(4).toInstant(),
                        rs.getString(5), rs.getString(6)));
            }
        }
        return out;
    }
}
