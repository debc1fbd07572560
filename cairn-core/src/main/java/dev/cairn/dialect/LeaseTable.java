package dev.cairn.dialect;

import dev.cairn.config.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The lease lock's table, {@code <history>_lock} in the history table's schema, with at most one
 * row: what {@link LeaseLock} and {@code unlock} read and write, in the dialect's SQL (see
 * {@link Leases}). Every method is one atomic statement in autocommit, so it works through a pooler
 * in transaction mode; times come from the server's clock.
 */
public interface LeaseTable {

    /** Who claims the lease: a fresh random token, this host and process. */
    record Claim(String token, String host, long pid) {
    }

    /**
     * The lease table of {@code history} in the dialect's SQL.
     *
     * @throws dev.cairn.error.CairnException a usage error when the dialect offers no {@link Leases}
     */
    static LeaseTable of(Dialect dialect, TableName history) {
        return dialect.require(Leases.class, "the lease lock (lock mode table)").table(history);
    }

    /** The table's name: {@code <history>_lock}, shortened with a hash when too long ({@link TableName#sibling}). */
    TableName table();

    /** Creates the table (and its schema) when missing; tolerates other runners creating them at once. */
    void ensure(Connection c) throws SQLException;

    /**
     * Takes the lease when there is no row or its lease has expired, in one statement, so that two
     * runners can never both get it.
     *
     * @return the lease, when it is now this claim's
     */
    Optional<Lease> tryAcquire(Connection c, Claim claim, Duration ttl) throws SQLException;

    /**
     * Extends the lease by {@code ttl} from now, if the row is still this token's.
     *
     * @return false when the lease is gone: taken over, or cleared by {@code unlock}
     */
    boolean renew(Connection c, String token, Duration ttl) throws SQLException;

    /** Deletes the row if it is still this token's. */
    void release(Connection c, String token) throws SQLException;

    /** The current lease, live or expired; empty when nobody holds one (or the table does not exist). */
    Optional<Lease> read(Connection c) throws SQLException;

    /**
     * Deletes exactly the lease that was shown: the same token, and unless {@code force} still
     * expired, so a holder that renewed in the meantime keeps it.
     *
     * @return false when the row changed since it was read
     */
    boolean clear(Connection c, Lease lease, boolean force) throws SQLException;
}
