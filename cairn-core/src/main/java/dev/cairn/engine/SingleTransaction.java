package dev.cairn.engine;

import dev.cairn.history.HistoryRow;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Migration;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code migrate --single-transaction}: every pending migration and its history row in one
 * transaction, so the run applies all of them or none.
 */
final class SingleTransaction {

    private final Session db;
    private final Listener listener;
    /** The migrations told as starting: a run again after a lock timeout does not tell them twice. */
    private final java.util.Set<String> announced = new java.util.HashSet<>();

    SingleTransaction(Session db, Listener listener) {
        this.db = db;
        this.listener = listener;
    }

    /**
     * Applies the plans in one transaction; the versions in {@code rerun} are changed files run again.
     * When a statement times out waiting for a lock, the whole run is rolled back and, while retries
     * are left, run again from its first migration after a back-off (nothing of it was committed).
     */
    List<Applied> apply(Map<Migration, ScriptPlan> plans, int batch, java.util.Set<String> rerun) {
        LockGuard guard = new LockGuard(db, listener);
        while (true) {
            try {
                return applyOnce(plans, batch, rerun, guard);
            } catch (LockGuard.Retry r) {
                guard.backOff(r);
            }
        }
    }

    private List<Applied> applyOnce(Map<Migration, ScriptPlan> plans, int batch, java.util.Set<String> rerun,
                                    LockGuard guard) {
        List<Applied> applied = new ArrayList<>();
        List<Event> done = new ArrayList<>();
        try {
            db.begin();
            for (Map.Entry<Migration, ScriptPlan> e : plans.entrySet()) {
                Applied a = one(e.getKey(), e.getValue(), batch, applied.size(), guard);
                applied.add(rerun.contains(a.version()) ? a.asRerun() : a);
            }
            db.verifyLockBeforeCommit("rolled back: --single-transaction, so nothing of this run was applied",
                    "migrate");
            db.connection.commit();
        } catch (SQLException e) {
            throw cleanUp(Jdbc.failed("the run could not be recorded; it was rolled back and nothing was applied", e));
        } catch (RuntimeException e) {
            throw cleanUp(e);
        }
        Transaction.autocommit(db.connection);
        db.resetSession();
        applied.forEach(a -> done.add(new Event.MigrationApplied(a)));
        done.forEach(listener::on);
        return applied;
    }

    /**
     * After a failure: rolled back before autocommit is turned on (which would commit what ran so
     * far), and the session put back only if it still works (a session the server ended must not
     * hide the failure).
     */
    private RuntimeException cleanUp(RuntimeException failure) {
        return Transaction.abandon(db, failure);
    }

    private Applied one(Migration m, ScriptPlan plan, int batch, int before, LockGuard guard) throws SQLException {
        db.verifyLock();
        if (announced.add(m.version().text())) {
            listener.on(new Event.MigrationStarting(m.version().text(), m.script(), true, ""));
        }
        long start = System.nanoTime();
        LockGuard.Watch watch = guard.watch();
        try {
            new Runner(db.connection, db.dialect).run(plan.statements(), true);
        } catch (Runner.StatementFailure f) {
            Transaction.rollback(db.connection, f.cause);
            guard.retryOnLockTimeout(m, f, watch);
            MigrationException e = guard.named(Migrate.failed(db, m, plan, f, batch, Migrate.elapsed(start), 0, -1),
                    f, watch, true);
            throw new MigrationException(e.failure(), e.getMessage() + (before == 0 ? ""
                    : "\n  --single-transaction: the " + before + (before == 1 ? " migration" : " migrations")
                    + " before it in this run " + (before == 1 ? "was" : "were") + " rolled back too; nothing was applied"),
                    f.cause);
        } finally {
            watch.close();
        }
        Duration took = Migrate.elapsed(start);
        db.history.insert(db.connection, Migrate.row(m, plan, batch, HistoryRow.Status.SUCCESS, took, ""));
        return new Applied(m.version().text(), m.description(), m.script(), took, true, "",
                plan.statements().size(), m.checksum(), batch);
    }
}
