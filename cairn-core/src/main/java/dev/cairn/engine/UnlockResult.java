package dev.cairn.engine;

import dev.cairn.config.LockMode;
import dev.cairn.dialect.Lease;
import dev.cairn.dialect.LockSession;
import java.util.List;
import java.util.Optional;

/**
 * What held the migration lock and whether it was cleared.
 *
 * @param database the database's name
 * @param mode     the lock mode looked at
 * @param lock     the lock's name for people: the lease table, or the history table the advisory lock guards
 * @param lease    table mode: the lease row
 * @param sessions advisory mode: the session holding the lock first, then the other sessions of the same runner
 * @param cleared  whether the lock was cleared: the lease row deleted, or the holder's session ended and the
 *                 lock released; false only when nothing held it
 */
public record UnlockResult(String database, LockMode mode, String lock, Optional<Lease> lease,
                           List<LockSession> sessions, boolean cleared) {

    public UnlockResult {
        sessions = List.copyOf(sessions);
    }

    /** Whether anything held the lock. */
    public boolean held() {
        return lease.isPresent() || !sessions.isEmpty();
    }

    UnlockResult clearedNow() {
        return new UnlockResult(database, mode, lock, lease, sessions, true);
    }
}
