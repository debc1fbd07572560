package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.LockMode;
import dev.cairn.dialect.Lease;
import dev.cairn.dialect.LeaseTable;
import dev.cairn.dialect.LockSession;
import dev.cairn.dialect.Sessions;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import dev.cairn.jdbc.Jdbc;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Clears a stale migration lock. Table mode: deletes an expired lease row (a live one only when
 * forced). Advisory mode: ends the holder's session, which makes the server release the lock, and
 * first the other sessions of the same runner, so that its migration cannot go on unguarded.
 * Takes no lock itself; everything is shown to the approval before it changes.
 */
public final class Unlock {

    /** How long the server may take to end each session (PostgreSQL 14+ waits for it). */
    private static final long TERMINATE_WAIT_MS = 5_000;

    private final Configuration config;

    public Unlock(Configuration config) {
        this.config = config;
    }

    public UnlockResult run(UnlockRequest request) {
        try (Session db = Session.open(config)) {
            return db.lockMode() == LockMode.TABLE ? lease(db, request) : advisory(db, request);
        } catch (SQLException e) {
            throw Jdbc.failed("cannot clear the migration lock on " + config.table(), e);
        }
    }

    private UnlockResult lease(Session db, UnlockRequest request) throws SQLException {
        LeaseTable table = LeaseTable.of(db.dialect, db.table);
        Optional<Lease> lease = table.read(db.connection);
        UnlockResult held = new UnlockResult(db.name, LockMode.TABLE, table.table().toString(), lease, List.of(), false);
        if (lease.isEmpty()) {
            return held;
        }
        if (lease.get().live() && !request.force()) {
            throw CairnException.refused("unlock.live", "the lease in " + table.table() + " is live: held by "
                    + lease.get().describe() + "; its runner is probably still working and renewing it. Nothing was"
                    + " cleared. If that runner is dead, the next run takes the lease over once it expires, or clear"
                    + " it now with '" + Next.action("unlock", Next.setting("lock-mode", "table"), Next.setting("force"))
                    + "'");
        }
        approve(request, held);
        if (!table.clear(db.connection, lease.get(), request.force())) {
            throw CairnException.failed("unlock.changed", "the lease in " + table.table() + " changed while waiting"
                    + " for confirmation (renewed, taken over or released); nothing was cleared. Run '"
                    + Next.action("unlock") + "'"
                    + " again to see who holds it now", null);
        }
        return held.clearedNow();
    }

    private UnlockResult advisory(Session db, UnlockRequest request) throws SQLException {
        Sessions admin = db.dialect.capability(Sessions.class).orElseThrow(() -> CairnException.usage(
                "unlock.advisory", "with " + db.dialect.name() + " Cairn cannot see or end the sessions holding an"
                        + " advisory lock; use " + Next.setting("lock-mode", "table")));
        List<LockSession> sessions = admin.advisoryHolders(db.connection, db.table);
        UnlockResult held = new UnlockResult(db.name, LockMode.ADVISORY, "advisory lock on " + db.table,
                Optional.empty(), sessions, false);
        if (sessions.isEmpty()) {
            return held;
        }
        approve(request, held);
        // The runner's working sessions first: ending the lock's session first would let another
        // runner in while the old one's migration still runs.
        for (LockSession s : sessions.subList(1, sessions.size())) {
            admin.terminateSession(db.connection, s.pid(), TERMINATE_WAIT_MS);
        }
        int pid = sessions.get(0).pid();
        admin.terminateSession(db.connection, pid, TERMINATE_WAIT_MS);
        if (!released(db, admin, pid)) {
            throw CairnException.failed("unlock.still-held", "pid " + pid + " still holds the " + held.lock() + " "
                    + TERMINATE_WAIT_MS / 1000 + "s " + admin.terminateAdvice(), null);
        }
        return held.clearedNow();
    }

    /** Whether session {@code pid} no longer holds the lock; before PostgreSQL 14 the server ends it shortly after. */
    private boolean released(Session db, Sessions admin, int pid) throws SQLException {
        long end = System.nanoTime() + TERMINATE_WAIT_MS * 1_000_000;
        while (true) {
            List<LockSession> now = admin.advisoryHolders(db.connection, db.table);
            if (now.isEmpty() || now.get(0).pid() != pid) {
                return true;
            }
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static void approve(UnlockRequest request, UnlockResult held) {
        if (!request.approve().approve(held)) {
            throw CairnException.refused("unlock.unconfirmed", "unlock was not confirmed; nothing was cleared");
        }
    }
}
