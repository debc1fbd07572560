package dev.cairn.dialect;

import dev.cairn.config.TableName;

/**
 * Capability: the lease lock's table ({@code --lock-mode table}), for servers or poolers where a
 * session advisory lock does not keep other runners out (PgBouncer in transaction mode, engines
 * without advisory locks). Without it, only the dialect's own {@link Dialect#lock} is available.
 */
public interface Leases {

    /** The lease table next to the history table {@code history}. */
    LeaseTable table(TableName history);
}
