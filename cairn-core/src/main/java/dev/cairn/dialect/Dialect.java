package dev.cairn.dialect;

import dev.cairn.config.Configuration;
import dev.cairn.config.TableName;
import dev.cairn.jdbc.BoundSql;
import dev.cairn.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between database engines, kept small: quoting, session set-up, the migration lock,
 * the history table's DDL, and which statements cannot run in a transaction. Found through
 * {@link DialectFactory} and {@link java.util.ServiceLoader}.
 */
public interface Dialect {

    /** A short name such as {@code postgresql}. */
    String name();

    /** Quotes one identifier so that any name is safe in SQL. */
    String quote(String identifier);

    /** The table's name, quoted, schema-qualified when it has a schema. */
    default String qualified(TableName table) {
        return table.schema().map(s -> quote(s) + ".").orElse("") + quote(table.name());
    }

    /**
     * Sets up a fresh session for the migration lock: how the server notices a dead client.
     */
    void prepareSession(Connection connection) throws SQLException;

    /**
     * What opening Cairn's working session found: the settings a script may change and Cairn must
     * put back ({@code search_path}, {@code role}, the timeouts) as they were handed over, the current
     * schema, and whether the history table exists there; and the database's name (which the driver
     * would ask for in a round trip of its own).
     */
    record OpenedSession(java.util.Map<String, String> handedOver, String database, String currentSchema,
                         boolean historyExists, java.util.Optional<String> leaseReason, boolean pooled) {
        public OpenedSession {
            handedOver = java.util.Map.copyOf(handedOver);
            java.util.Objects.requireNonNull(leaseReason, "leaseReason");
        }

        /** A session on a server that takes the default lock, reached directly. */
        public OpenedSession(java.util.Map<String, String> handedOver, String database, String currentSchema,
                             boolean historyExists) {
            this(handedOver, database, currentSchema, historyExists, java.util.Optional.empty(), false);
        }
    }

    /**
     * Whether the pooler between Cairn and the server (an {@link OpenedSession#pooled} session) hands
     * the server's sessions around between transactions, as PgBouncer's transaction and statement
     * pooling do; a session-pooled connection keeps one server session. Asked with both of Cairn's
     * connections, before the advisory lock is taken.
     *
     * @return how that showed, or empty when the sessions looked pinned
     */
    default java.util.Optional<String> transactionPooling(Connection lock, Connection working) throws SQLException {
        return java.util.Optional.empty();
    }

    /**
     * Opens Cairn's working session in one round trip: captures the settings as handed over, then
     * sets up Cairn's own (how the server notices a dead client, and the timeouts, when given), and
     * looks up the current schema and the history table {@code history} (in the current schema
     * when it names none), which engine this is and whether a pooler stands between Cairn and the
     * server. Behind a pooler, Cairn's own settings are made per transaction, never for the server
     * session, which the pooler shares with other clients.
     */
    OpenedSession openSession(Connection connection, TableName history, Configuration.SessionTimeouts timeouts)
            throws SQLException;

    /**
     * Puts back the settings as handed over and then sets up Cairn's own again, in one round trip:
     * after a script, which may have changed any of them.
     */
    default void resetSession(Connection connection, java.util.Map<String, String> handedOver,
                              Configuration.SessionTimeouts timeouts) throws SQLException {
        BoundSql reset = resetSessionSql(connection, handedOver, timeouts);
        try (java.sql.PreparedStatement ps = connection.prepareStatement(reset.sql())) {
            reset.bind(ps, 1);
            ps.execute();
        }
    }

    /**
     * The one statement {@link #resetSession} sends, for sending it in the same round trip as
     * another: before the history row of a migration, in its transaction.
     */
    BoundSql resetSessionSql(Connection connection, java.util.Map<String, String> handedOver,
                             Configuration.SessionTimeouts timeouts) throws SQLException;

    /** Puts the captured settings back, before the connection goes back to the application. */
    void restoreSession(Connection connection, java.util.Map<String, String> settings) throws SQLException;

    /** Whether the table exists. */
    boolean tableExists(Connection connection, TableName table) throws SQLException;

    /** The statements that create the history table and the schema it lives in. */
    java.util.List<String> createHistoryTable(TableName table);

    /**
     * Takes the migration lock on its own connection, as part of {@code wait} (until its timeout).
     *
     * @throws dev.cairn.error.CairnException kind LOCK_TIMEOUT when another runner holds it too long
     */
    MigrationLock lock(Connection connection, TableName table, LockWait wait) throws SQLException;

    /** The sessions holding the advisory migration lock of {@code table}, if any. */
    java.util.List<LockSession> advisoryHolders(Connection connection, TableName table) throws SQLException;

    /**
     * Ends another session (one holding the migration lock), waiting up to {@code waitMillis} for
     * it to be gone where the server can.
     *
     * @return whether the server signalled it (false when it had already ended)
     */
    boolean terminateSession(Connection connection, int pid, long waitMillis) throws SQLException;

    /**
     * Whether a statement failed because it waited longer than the session's lock timeout for a lock
     * another session holds: the transaction did nothing and may be run again.
     */
    default boolean lockNotAvailable(SQLException e) {
        return false;
    }

    /** The server's id for the session on {@code connection}, when the dialect can name blocking sessions. */
    default java.util.OptionalInt sessionId(Connection connection) throws SQLException {
        return java.util.OptionalInt.empty();
    }

    /**
     * The sessions that the session {@code pid} is waiting behind for a lock, asked on another
     * connection ({@code watcher}) while it waits; empty when it waits for none.
     */
    default java.util.List<Blocker> blockers(Connection watcher, int pid) throws SQLException {
        return java.util.List.of();
    }

    /**
     * Whether the session is inside a transaction block the server holds open (a script's
     * {@code BEGIN} never committed), though the connection is in auto-commit mode. Work done in
     * such a block is lost when the session ends.
     */
    default boolean inTransactionBlock(Connection connection) throws SQLException {
        return false;
    }

    /** Why a statement cannot run inside a transaction on this server, or empty text when it can. */
    String nonTransactionalReason(SqlStatement statement, int serverMajorVersion);

    /**
     * Runs a {@code COPY ... FROM STDIN} statement with its data through the driver's copy API.
     *
     * @return the number of rows copied
     */
    long copyIn(Connection connection, String sql, String data) throws SQLException;

    /** Runs a {@code COPY ... TO STDOUT} statement, discarding its rows as psql -o /dev/null would. */
    long copyOut(Connection connection, String sql) throws SQLException;

    /**
     * The statements that drop every object in the schemas (tables, views, materialized views,
     * sequences, functions, procedures, aggregates, types, domains; triggers go with their tables),
     * leaving objects that belong to extensions alone, and the tables in {@code keep}
     * (unquoted {@code schema.table}).
     */
    java.util.List<String> dropStatements(Connection connection, java.util.List<String> schemas,
                                          java.util.List<String> keep) throws SQLException;

    /**
     * Why {@code reset} must not empty each of the schemas (it does not exist, it is a system schema,
     * an extension owns it), one line per refused schema; empty when every one may be emptied.
     */
    java.util.List<String> resetRefusals(Connection connection, java.util.List<String> schemas) throws SQLException;

    /**
     * The schemas {@code reset} empties when none are named: those of {@code named} that exist, and
     * every other non-system schema holding a table no extension owns; never a system or extension schema.
     */
    java.util.List<String> resetSchemas(Connection connection, java.util.List<String> named) throws SQLException;

    /** The statements that drop the schemas themselves (those that exist and hold no extension), with what is left in them. */
    java.util.List<String> dropSchemas(Connection connection, java.util.List<String> schemas) throws SQLException;

    /** The schema unqualified names resolve to. */
    String currentSchema(Connection connection) throws SQLException;

    /** The database's size, measured on disk, and its largest tables. */
    default DatabaseStats stats(Connection connection) throws SQLException {
        return stats(connection, true);
    }

    /**
     * The database's size and its largest tables; unless {@code exact}, the size is estimated from
     * the catalog, without touching every relation's files.
     */
    DatabaseStats stats(Connection connection, boolean exact) throws SQLException;

    /**
     * The schema model read from the catalog, without objects owned by extensions and without the
     * tables in {@code excluded} (unquoted {@code schema.table}) and what hangs off them.
     */
    default dev.cairn.schema.SchemaModel schema(Connection connection, java.util.Set<String> excluded)
            throws SQLException {
        return schema(connection, excluded, false);
    }

    /** Like {@link #schema(Connection, java.util.Set)}; with {@code grants}, every role's privileges too. */
    dev.cairn.schema.SchemaModel schema(Connection connection, java.util.Set<String> excluded, boolean grants)
            throws SQLException;
}
