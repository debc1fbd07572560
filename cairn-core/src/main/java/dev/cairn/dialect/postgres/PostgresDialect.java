package dev.cairn.dialect.postgres;

import dev.cairn.config.Configuration;
import dev.cairn.config.TableName;
import dev.cairn.dialect.Backups;
import dev.cairn.dialect.Copy;
import dev.cairn.dialect.Dialect;
import dev.cairn.dialect.LeaseTable;
import dev.cairn.dialect.Leases;
import dev.cairn.dialect.LockWait;
import dev.cairn.dialect.MigrationLock;
import dev.cairn.dialect.Sessions;
import dev.cairn.dialect.SessionSettings;
import dev.cairn.jdbc.BoundSql;
import dev.cairn.sql.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL: advisory lock, identity history table, and its list of non-transactional statements;
 * every capability: {@link Backups} with pg_dump, pg_restore and psql ({@link PgBackups}), the lease
 * table, session administration ({@link PgSessions}), the catalog and COPY ({@link PgCopy}).
 */
final class PostgresDialect implements Dialect, Leases, dev.cairn.dialect.Catalog {

    /**
     * How often the server checks that Cairn is still connected while a statement runs, so that a
     * killed runner's statement (and its locks) end within seconds. PostgreSQL 14+:
     * https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-CLIENT-CONNECTION-CHECK-INTERVAL
     */
    private static final String CONNECTION_CHECK_MS = "2000";

    /**
     * Cairn's sessions are never idle for long on purpose, but wait for the lock or hold it: a
     * database or role default {@code idle_session_timeout} must not end them (the lock session
     * ending would release the migration lock). Any user may set it, PostgreSQL 14+:
     * https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-IDLE-SESSION-TIMEOUT
     */
    private static final String IDLE_SESSION_TIMEOUT = "0";

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public <T> java.util.Optional<T> capability(Class<T> type) {
        Object offered = type == Backups.class ? new PgBackups() : type == Sessions.class ? new PgSessions()
                : type == Copy.class ? new PgCopy() : this;
        return type.isInstance(offered) ? java.util.Optional.of(type.cast(offered)) : java.util.Optional.empty();
    }

    @Override
    public LeaseTable table(TableName history) {
        return new PgLeaseTable(this, history);
    }

    @Override
    public void prepareSession(Connection connection) throws SQLException {
        BoundSql set = own(connection, SessionSettings.of(Configuration.SessionTimeouts.none()));
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + Pooler.SERVER_PID + set.sql())) {
            set.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (Pooler.pooled(connection, rs.getInt(1))) {
                    Pooler.noServerPrepare(connection);
                }
            }
        }
    }

    @Override
    public java.util.Optional<String> transactionPooling(Connection lock, Connection working) throws SQLException {
        return Pooler.transactionPooling(lock, working);
    }

    /** What a migration may SET that must not outlive it; values of the session as it was handed to Cairn. */
    private static final List<String> SESSION_SETTINGS = List.of("search_path", "role", "lock_timeout",
            "statement_timeout", "client_connection_check_interval", "idle_session_timeout");

    @Override
    public OpenedSession openSession(Connection connection, TableName history, SessionSettings own)
            throws SQLException {
        // Two statements in one round trip (the driver sends both before it waits): the settings as
        // handed over, then Cairn's set and what it needs to know of the session.
        BoundSql set = own(connection, own);
        String historyName = history.schema().isPresent() ? "?" : "pg_catalog.quote_ident(pg_catalog.current_schema()) || '.' || ?";
        String sql = "SELECT n, pg_catalog.current_setting(n, true) FROM unnest(?::text[]) AS n;\n"
                + "SELECT pg_catalog.current_schema(), pg_catalog.to_regclass(" + historyName + ") IS NOT NULL,"
                + " pg_catalog.current_database(), " + Pooler.SERVER_PID + ", pg_catalog.version(),"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'citus')"
                + set.sql() + ";";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            ps.setArray(i++, connection.createArrayOf("text", SESSION_SETTINGS.toArray()));
            ps.setString(i++, history.schema().isPresent() ? qualified(history) : quote(history.name()));
            set.bind(ps, i);
            ps.execute();
            java.util.Map<String, String> handedOver = new java.util.LinkedHashMap<>();
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    if (rs.getString(2) != null) {
                        handedOver.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            ps.getMoreResults();
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                boolean pooled = Pooler.pooled(connection, rs.getInt(4));
                if (pooled) {
                    Pooler.noServerPrepare(connection).ifPresent(t -> handedOver.put(Pooler.THRESHOLD, t));
                }
                // current_schema() ran before Cairn's settings in the same select list: a run's own schema wins.
                String current = own.schema().orElse(rs.getString(1) == null ? "public" : rs.getString(1));
                return new OpenedSession(handedOver, rs.getString(3), current,
                        rs.getBoolean(2), Engine.leaseReason(rs.getString(5), rs.getBoolean(6)), pooled);
            }
        }
    }

    @Override
    public BoundSql resetSessionSql(Connection connection, java.util.Map<String, String> handedOver,
                                    SessionSettings own) throws SQLException {
        BoundSql restore = restore(handedOver);
        BoundSql set = own(connection, own);
        List<String> values = new ArrayList<>(restore.values());
        values.addAll(set.values());
        return new BoundSql("SELECT 1" + restore.sql() + set.sql(), values);
    }

    @Override
    public void restoreSession(Connection connection, java.util.Map<String, String> settings) throws SQLException {
        Pooler.restoreThreshold(connection, settings);
        BoundSql restore = restore(settings);
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1" + restore.sql())) {
            restore.bind(ps, 1);
            ps.execute();
        }
    }

    /** Select-list items that set the captured settings, evaluated left to right; role first, so that search_path is set as the original user. */
    private static BoundSql restore(java.util.Map<String, String> settings) {
        StringBuilder sql = new StringBuilder();
        List<String> values = new ArrayList<>();
        for (String name : SESSION_SETTINGS) {
            if (settings.containsKey(name)) {
                sql.append(", pg_catalog.set_config(?, ?, false)");
                values.add(name);
                values.add(settings.get(name));
            }
        }
        return new BoundSql(sql.toString(), values);
    }

    /**
     * Cairn's own settings: the dead-client check (PostgreSQL 14+), the configured timeouts and, for a
     * run inside one schema, that schema as the whole search_path. For the server session when Cairn
     * reaches the server directly; behind a pooler (the server's backend pid is not the one the driver
     * was given, see {@link Pooler}) for the transaction under way only, since the pooler hands the
     * server session to other clients afterwards. The handed-over search_path is captured before and
     * put back on close ({@link #restoreSession}).
     */
    private static BoundSql own(Connection connection, SessionSettings settings) throws SQLException {
        Configuration.SessionTimeouts timeouts = settings.timeouts();
        java.util.Map<String, String> own = new java.util.LinkedHashMap<>();
        settings.schema().ifPresent(s -> own.put("search_path", PgNames.id(s)));
        if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
            own.put("client_connection_check_interval", CONNECTION_CHECK_MS);
            own.put("idle_session_timeout", IDLE_SESSION_TIMEOUT);
        }
        timeouts.lockTimeout().ifPresent(t -> own.put("lock_timeout", Long.toString(t.toMillis())));
        timeouts.statementTimeout().ifPresent(t -> own.put("statement_timeout", Long.toString(t.toMillis())));
        StringBuilder sql = new StringBuilder();
        List<String> values = new ArrayList<>();
        String driverPid = Integer.toString(Pooler.driverPid(connection));
        own.forEach((name, value) -> {
            sql.append(", pg_catalog.set_config(?, ?, ").append(Pooler.POOLED).append(")");
            values.add(name);
            values.add(value);
            values.add(driverPid);
        });
        return new BoundSql(sql.toString(), values);
    }

    @Override
    public boolean tableExists(Connection connection, TableName table) throws SQLException {
        String sql = table.schema().isPresent()
                ? "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = ? AND tablename = ?"
                : "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = pg_catalog.current_schema() AND tablename = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            if (table.schema().isPresent()) {
                ps.setString(i++, table.schema().get());
            }
            ps.setString(i, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public List<String> createHistoryTable(TableName table) {
        List<String> ddl = new ArrayList<>();
        table.schema().ifPresent(s -> ddl.add("CREATE SCHEMA IF NOT EXISTS " + quote(s)));
        String t = qualified(table);
        ddl.add("CREATE TABLE IF NOT EXISTS " + t + " ("
                + "id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                + "version text NOT NULL, "
                + "description text NOT NULL, "
                + "script text NOT NULL, "
                + "kind text NOT NULL, "
                + "checksum text NOT NULL, "
                + "up_sql text, "
                + "down_sql text, "
                + "batch integer NOT NULL, "
                + "status text NOT NULL CHECK (status IN ('SUCCESS', 'FAILED', 'ROLLED_BACK')), "
                + "transactional boolean NOT NULL DEFAULT true, "
                + "applied_by text NOT NULL DEFAULT current_user, "
                + "applied_at timestamptz NOT NULL DEFAULT now(), "
                + "execution_ms bigint NOT NULL DEFAULT 0, "
                + "rolled_back_at timestamptz, "
                + "error text, "
                + "repaired_by text, "
                + "repaired_at timestamptz)");
        ddl.add("CREATE INDEX IF NOT EXISTS " + quote(table.sibling("_version_idx").name()) + " ON " + t + " (version)");
        return ddl;
    }

    @Override
    public MigrationLock lock(Connection connection, TableName table, LockWait wait) throws SQLException {
        return AdvisoryLock.acquire(connection, table, wait);
    }

    @Override
    public String nonTransactionalReason(SqlStatement statement, int serverMajorVersion) {
        return NonTransactional.reason(statement.sql(), serverMajorVersion);
    }

    @Override
    public boolean inTransactionBlock(Connection connection) throws SQLException {
        if (connection.isWrapperFor(org.postgresql.core.BaseConnection.class)) {
            // The driver tracks the server's ReadyForQuery status: no round trip.
            return connection.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState()
                    != org.postgresql.core.TransactionState.IDLE;
        }
        // Another driver does not say; the static check of the files (balanced BEGIN/COMMIT) still holds.
        return false;
    }

    @Override
    public boolean lockNotAvailable(SQLException e) {
        return LockBlockers.lockNotAvailable(e);
    }

    @Override
    public List<String> dropStatements(Connection connection, List<String> schemas, List<String> keep)
            throws SQLException {
        return PgCatalog.dropStatements(connection, schemas, keep);
    }

    @Override
    public List<String> resetRefusals(Connection connection, List<String> schemas) throws SQLException {
        return PgCatalog.resetRefusals(connection, schemas);
    }

    @Override
    public List<String> resetSchemas(Connection connection, List<String> named) throws SQLException {
        return PgCatalog.resetSchemas(connection, named);
    }

    @Override
    public List<String> dropSchemas(Connection connection, List<String> schemas) throws SQLException {
        return PgCatalog.dropSchemas(connection, schemas);
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        return PgCatalog.currentSchema(connection);
    }

    @Override
    public dev.cairn.dialect.DatabaseStats stats(Connection connection, boolean exact) throws SQLException {
        return PgCatalog.stats(connection, exact);
    }

    @Override
    public dev.cairn.schema.SchemaModel schema(Connection connection, java.util.Set<String> excluded,
                                               boolean grants) throws SQLException {
        return PgSchemaReader.read(connection, excluded, grants);
    }
}
