package dev.cairn.dialect;

import dev.cairn.config.TableName;
import dev.cairn.jdbc.BoundSql;
import dev.cairn.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between database engines, kept small: quoting, session set-up, the migration lock,
 * the history table's DDL, and which statements cannot run in a transaction. Found through
 * {@link DialectFactory} and {@link java.util.ServiceLoader}. What only some engines can do is
 * offered as a capability ({@link #capability}): {@link Backups} with the server's client tools,
 * {@link Leases} (the lease lock's table), {@link Sessions} (administration of other sessions),
 * {@link Catalog} (the schema model, sizes, emptying schemas) and {@link Copy}. An operation that
 * needs one the dialect lacks stops with a usage error ({@link #require}). docs/dialects.md tells
 * how to add a dialect.
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
     * sets up Cairn's own ({@code own}: how the server notices a dead client, the timeouts and the
     * target schema, when given), and
     * looks up the current schema and the history table {@code history} (in the current schema
     * when it names none), which engine this is and whether a pooler stands between Cairn and the
     * server. Behind a pooler, Cairn's own settings are made per transaction, never for the server
     * session, which the pooler shares with other clients.
     */
    OpenedSession openSession(Connection connection, TableName history, SessionSettings own) throws SQLException;

    /**
     * Puts back the settings as handed over and then sets up Cairn's own again, in one round trip:
     * after a script, which may have changed any of them.
     */
    default void resetSession(Connection connection, java.util.Map<String, String> handedOver, SessionSettings own)
            throws SQLException {
        BoundSql reset = resetSessionSql(connection, handedOver, own);
        try (java.sql.PreparedStatement ps = connection.prepareStatement(reset.sql())) {
            reset.bind(ps, 1);
            ps.execute();
        }
    }

    /**
     * The one statement {@link #resetSession} sends, for sending it in the same round trip as
     * another: before the history row of a migration, in its transaction.
     */
    BoundSql resetSessionSql(Connection connection, java.util.Map<String, String> handedOver, SessionSettings own)
            throws SQLException;

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

    /**
     * Whether a statement failed because it waited longer than the session's lock timeout for a lock
     * another session holds: the transaction did nothing and may be run again.
     */
    default boolean lockNotAvailable(SQLException e) {
        return false;
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
     * A capability this dialect offers beyond the contract ({@link Backups}, {@link Leases},
     * {@link Sessions}, {@link Catalog}, {@link Copy}), or empty when it offers none of that type. By
     * default the dialect object itself, when it implements the capability's interface; a dialect may
     * override this to hand out separate objects.
     */
    default <T> java.util.Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? java.util.Optional.of(type.cast(this)) : java.util.Optional.empty();
    }

    /**
     * The capability an operation needs.
     *
     * @param needed what needs it, for the message: {@code backup}
     * @throws dev.cairn.error.CairnException a usage error (exit 2) when this dialect does not offer it
     */
    default <T> T require(Class<T> type, String needed) {
        return capability(type).orElseThrow(() -> dev.cairn.error.CairnException.usage("dialect.capability",
                needed + " is not available for " + name() + ": its dialect offers no " + type.getSimpleName()
                        + "; nothing was changed"));
    }
}
