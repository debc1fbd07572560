package dev.cairn.dialect.postgres;

import dev.cairn.config.TableName;
import dev.cairn.dialect.Dialect;
import dev.cairn.dialect.Lease;
import dev.cairn.dialect.LeaseTable;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL's lease table ({@link LeaseTable}): the lease lock's table, {@code <history>_lock} in the history table's schema, with at most one
 * row (id 1). Every statement is one atomic statement in autocommit, so it works through PgBouncer
 * in transaction mode; times come from the server's clock; values are bound, the name is quoted
 * by the dialect. Written in the SQL of PostgreSQL and the engines that speak it (INSERT … ON
 * CONFLICT, RETURNING).
 */
final class PgLeaseTable implements LeaseTable {

    /**
     * Another runner created the table or schema at the same moment: CREATE … IF NOT EXISTS checks
     * before it inserts into the catalog, so the loser of the race gets a unique violation on
     * pg_type or pg_namespace, or "already exists" (type, table, schema).
     */
    private static final Set<String> CREATED_CONCURRENTLY = Set.of("23505", "42710", "42P07", "42P06");

    private static final String COLUMNS = "token, host, pid, application_name, acquired_at, renewed_at, expires_at,"
            + " pg_catalog.clock_timestamp()";
    private static final String TTL = "(? * INTERVAL '1 millisecond')";

    private final Dialect dialect;
    private final TableName table;
    private final String name;

    /**
     * The lease table of {@code history}: {@code <history>_lock} next to it, shortened with a hash
     * when that would be longer than 63 bytes ({@link TableName#sibling}).
     */
    PgLeaseTable(Dialect dialect, TableName history) {
        this.dialect = dialect;
        this.table = history.sibling("_lock");
        this.name = dialect.qualified(table);
    }

    @Override
    public TableName table() {
        return table;
    }

    /**
     * Creates the table (and its schema) when missing; tolerates other runners creating them at once.
     * Gives up after a few rounds rather than loop: a table that CREATE TABLE IF NOT EXISTS leaves
     * missing means its name resolves to another relation.
     */
    @Override
    public void ensure(Connection c) throws SQLException {
        for (int attempt = 1; !dialect.tableExists(c, table); attempt++) {
            if (attempt > 5) {
                throw CairnException.failed("lock.table", "cannot create the lock table " + table + ": it is still"
                        + " missing after CREATE TABLE IF NOT EXISTS (another relation has its name?); nothing was"
                        + " applied. Drop or rename that relation, or choose another " + Next.setting("table"), null);
            }
            try {
                create(c);
            } catch (SQLException e) {
                // Lost a race for the schema or the table: the winner has committed, so go round
                // again and find them (or race for the table once the schema is there).
                if (!CREATED_CONCURRENTLY.contains(e.getSQLState()) || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (table.schema().isPresent()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + dialect.quote(table.schema().get()));
            }
            s.execute("CREATE TABLE IF NOT EXISTS " + name + " ("
                    + "id integer PRIMARY KEY CHECK (id = 1), "
                    + "token text NOT NULL, "
                    + "host text NOT NULL, "
                    + "pid bigint NOT NULL, "
                    + "application_name text NOT NULL, "
                    + "acquired_at timestamptz NOT NULL, "
                    + "renewed_at timestamptz NOT NULL, "
                    + "expires_at timestamptz NOT NULL)");
        }
    }

    /**
     * Takes the lease when there is no row or its lease has expired, in one statement: the row lock
     * taken by ON CONFLICT DO UPDATE makes a second claimant re-check the WHERE against the first
     * one's new row, so two runners can never both get a row back.
     * https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT
     *
     * @return the lease, when it is now this claim's
     */
    @Override
    public Optional<Lease> tryAcquire(Connection c, Claim claim, Duration ttl) throws SQLException {
        String sql = "INSERT INTO " + name + " AS l (id, token, host, pid, application_name, acquired_at, renewed_at,"
                + " expires_at) VALUES (1, ?, ?, ?, pg_catalog.current_setting('application_name'),"
                + " pg_catalog.clock_timestamp(), pg_catalog.clock_timestamp(), pg_catalog.clock_timestamp() + " + TTL + ")"
                + " ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token, host = EXCLUDED.host, pid = EXCLUDED.pid,"
                + " application_name = EXCLUDED.application_name, acquired_at = EXCLUDED.acquired_at,"
                + " renewed_at = EXCLUDED.renewed_at, expires_at = EXCLUDED.expires_at"
                + " WHERE l.expires_at < pg_catalog.clock_timestamp()"
                + " RETURNING " + COLUMNS;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, claim.token());
            ps.setString(2, claim.host());
            ps.setLong(3, claim.pid());
            ps.setLong(4, ttl.toMillis());
            return one(ps);
        }
    }

    /**
     * Extends the lease by {@code ttl} from now, if the row is still this token's. An expired row
     * nobody took over is still ours: nobody else ran in between.
     *
     * @return false when the lease is gone: taken over, or cleared by {@code cairn unlock}
     */
    @Override
    public boolean renew(Connection c, String token, Duration ttl) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + name + " SET renewed_at = pg_catalog.clock_timestamp(),"
                + " expires_at = pg_catalog.clock_timestamp() + " + TTL + " WHERE id = 1 AND token = ?")) {
            ps.setLong(1, ttl.toMillis());
            ps.setString(2, token);
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes the row if it is still this token's. */
    @Override
    public void release(Connection c, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + name + " WHERE id = 1 AND token = ?")) {
            ps.setString(1, token);
            ps.executeUpdate();
        }
    }

    /** The current lease, live or expired; empty when nobody holds one (or the table does not exist). */
    @Override
    public Optional<Lease> read(Connection c) throws SQLException {
        if (!dialect.tableExists(c, table)) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + name + " WHERE id = 1")) {
            return one(ps);
        }
    }

    /**
     * Deletes exactly the lease that was shown: the same token, and unless {@code force} still
     * expired, so a holder that renewed in the meantime keeps it.
     *
     * @return false when the row changed since it was read
     */
    @Override
    public boolean clear(Connection c, Lease lease, boolean force) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + name + " WHERE id = 1 AND token = ?"
                + " AND (? OR expires_at < pg_catalog.clock_timestamp())")) {
            ps.setString(1, lease.token());
            ps.setBoolean(2, force);
            return ps.executeUpdate() == 1;
        }
    }

    private static Optional<Lease> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Lease(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                    instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                    instant(rs.getTimestamp(8))));
        }
    }

    private static java.time.Instant instant(Timestamp t) {
        return t.toInstant();
    }
}
