package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import dev.cairn.history.HistoryRow;
import dev.cairn.history.NewRow;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Migration;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies pending migrations in version order, each in its own transaction together with its
 * history row, under the migration lock. Every pending script is split before the first one runs,
 * so a syntax problem anywhere stops the run before anything changes.
 */
public final class Migrate {

    private final Configuration config;
    private final Listener listener;
    private final java.util.Optional<MigrateLint> lint;

    public Migrate(Configuration config, Listener listener) {
        this(config, listener, java.util.Optional.empty());
    }

    private Migrate(Configuration config, Listener listener, java.util.Optional<MigrateLint> lint) {
        this.config = config;
        this.listener = listener;
        this.lint = lint;
    }

    /** This migrate with {@code lint} run first, on the same session, before anything changes. */
    public Migrate linting(MigrateLint lint) {
        return new Migrate(config, listener, java.util.Optional.of(lint));
    }

    /** A session on the target, for {@link #run(Session, MigrateOptions)}; the caller closes it. */
    Session open() {
        return Session.open(config);
    }

    /**
     * Runs the lint asked for on {@code db} now (before a backup, say), and returns this migrate
     * without it for the rest of the run.
     */
    Migrate lintFirst(Session db) {
        if (lint.isEmpty()) {
            return this;
        }
        Discover.on(db, config, Discover::valid, Session::rows, (open, migrations, early) -> {
            lint.get().check(open, migrations, early);
            return null;
        });
        return new Migrate(config, listener);
    }

    public MigrateResult run(MigrateOptions asked) {
        // The history as committed, read before locking and while the files are read: when nothing is
        // pending there is nothing to lock for (what an application pays at every start). Otherwise
        // it is read again under the lock, since another runner may have applied something meanwhile.
        return Discover.opening(config, Discover::valid, Session::rows,
                (db, migrations, early) -> run(db, migrations, early, asked));
    }

    /** {@link #run(MigrateOptions)} on a session already open; its owner closes it. */
    MigrateResult run(Session db, MigrateOptions asked) {
        return Discover.on(db, config, Discover::valid, Session::rows,
                (open, migrations, early) -> run(open, migrations, early, asked));
    }

    private MigrateResult run(Session db, List<Migration> migrations, List<HistoryRow> early, MigrateOptions asked) {
        lint.ifPresent(l -> l.check(db, migrations, early));
        MigrateOptions options = effective(asked);
        if (Pending.select(new Ledger(migrations, early), options).isEmpty()) {
            return new MigrateResult(List.of(), 0, db.name);
        }
        db.lock(listener);
        Ledger ledger = new Ledger(migrations, db.rows());
        List<Migration> pending = Pending.select(ledger, options);
        Map<Migration, ScriptPlan> plans = new LinkedHashMap<>();
        for (Migration m : pending) {
            plans.put(m, ScriptPlan.of(m.up(), Discover.split(config, m.up()), m.transaction(), db.dialect,
                    db.serverMajor));
        }
        if (options.singleTransaction()) {
            refuseNonTransactional(plans);
        }
        List<MigrateOptions.Rerun> reruns = Pending.reruns(ledger, pending);
        if (!reruns.isEmpty() && !options.approveRerun().approve(reruns)) {
            throw CairnException.refused("migrate.rerun-unconfirmed", "re-running "
                    + Messages.count(reruns.size(), "changed migration") + " was not confirmed; nothing was applied");
        }
        Set<String> rerun = new HashSet<>();
        reruns.forEach(r -> rerun.add(r.version()));
        // Only now, with every script read and split, does anything change.
        db.ensureHistory(listener);
        int batch = ledger.nextBatch();
        if (!plans.isEmpty()) {
            listener.on(new Event.RunStarting(plans.keySet().stream().map(Migration::script).toList()));
        }
        if (options.singleTransaction() && !plans.isEmpty()) {
            return new MigrateResult(new SingleTransaction(db, listener).apply(plans, batch, rerun), batch, db.name);
        }
        List<Applied> applied = applyEach(db, plans, batch, rerun);
        return new MigrateResult(applied, applied.isEmpty() ? 0 : batch, db.name);
    }

    /** Applies the plans in order, each in its own transaction (or none), on a locked database with its history table. */
    List<Applied> applyEach(Session db, Map<Migration, ScriptPlan> plans, int batch) {
        return applyEach(db, plans, batch, Set.of());
    }

    /** As {@link #applyEach(Session, Map, int)}; the versions in {@code rerun} are changed files run again. */
    private List<Applied> applyEach(Session db, Map<Migration, ScriptPlan> plans, int batch,
                                    Set<String> rerun) {
        List<Applied> applied = new ArrayList<>();
        ComputedDown computed = ComputedDown.forRun(db, listener, plans.keySet());
        for (Map.Entry<Migration, ScriptPlan> e : plans.entrySet()) {
            var before = computed.before(e.getKey());
            applied.add(apply(db, e.getKey(), e.getValue(), batch, applied.size(),
                    rerun.contains(e.getKey().version().text())));
            computed.after(e.getKey(), before);
        }
        return applied;
    }

    private static void refuseNonTransactional(Map<Migration, ScriptPlan> plans) {
        for (Map.Entry<Migration, ScriptPlan> e : plans.entrySet()) {
            if (!e.getValue().transactional()) {
                throw dev.cairn.error.CairnException.usage("migrate.single-transaction", Next.setting("single-transaction") + ": migration "
                        + e.getKey().version() + " (" + e.getKey().script() + ") cannot run in a transaction ("
                        + e.getValue().noTransactionReason() + "); migrate without "
                        + Next.setting("single-transaction") + "."
                        + " Nothing was applied");
            }
        }
    }

    /**
     * The options as this run applies them. A pending version below the newest applied may run when the
     * call allows it ({@link MigrateOptions#outOfOrder()}) or the configuration does
     * ({@link Configuration#outOfOrder()}: {@code Cairn.configure().outOfOrder(true)}, {@code out_of_order}
     * in cairn.toml). This is the one place the two meet; validate and status read the same configuration
     * setting, so validate does not pass what migrate then refuses.
     */
    private MigrateOptions effective(MigrateOptions options) {
        if (options.outOfOrder() || !config.outOfOrder()) {
            return options;
        }
        return new MigrateOptions(options.target(), true, options.singleTransaction(), options.rerunModified(),
                options.only(), options.approveRerun());
    }

    /** What would run: pending migrations and their statements. Writes nothing, not even the history table. */
    public DryRun dryRun(MigrateOptions asked) {
        return Discover.opening(config, Discover::valid, Session::rows,
                (db, migrations, early) -> dryRun(db, migrations, early, asked));
    }

    /** {@link #dryRun(MigrateOptions)} on a session already open; its owner closes it. */
    DryRun dryRun(Session db, MigrateOptions asked) {
        return Discover.on(db, config, Discover::valid, Session::rows,
                (open, migrations, early) -> dryRun(open, migrations, early, asked));
    }

    private DryRun dryRun(Session db, List<Migration> migrations, List<HistoryRow> early, MigrateOptions asked) {
        MigrateOptions options = effective(asked);
        Ledger ledger = new Ledger(migrations, early);
        List<DryRun.Planned> planned = new ArrayList<>();
        for (Migration m : Pending.select(ledger, options)) {
            ScriptPlan p = ScriptPlan.of(m.up(), Discover.split(config, m.up()), m.transaction(), db.dialect,
                    db.serverMajor);
            planned.add(new DryRun.Planned(m.version().text(), m.script(), m.up().name(), p.transactional(),
                    p.noTransactionReason(), p.statements()));
        }
        return new DryRun(planned);
    }

    /** Applies one migration on the locked database (package-private for tests that bypass discovery's checks). */
    Applied apply(Session db, Migration m, ScriptPlan plan, int batch, int appliedBefore, boolean rerun) {
        LockGuard guard = new LockGuard(db, listener);
        while (true) {
            try {
                return applyOnce(db, m, plan, batch, appliedBefore, rerun, guard);
            } catch (LockGuard.Retry r) {
                guard.backOff(r);
            }
        }
    }

    /** One attempt; throws {@link LockGuard.Retry}, rolled back, when it timed out waiting for a lock and may run again. */
    private Applied applyOnce(Session db, Migration m, ScriptPlan plan, int batch, int appliedBefore, boolean rerun,
                              LockGuard guard) {
        db.verifyLock();
        if (!guard.retrying()) {
            listener.on(new Event.MigrationStarting(m.version().text(), m.script(), plan.transactional(),
                    plan.noTransactionReason()));
        }
        long start = System.nanoTime();
        try {
            if (plan.transactional()) {
                applyInTransaction(db, m, plan, batch, start, appliedBefore, guard);
                Transaction.autocommit(db.connection);
            } else {
                applyWithoutTransaction(db, m, plan, batch, start, appliedBefore, guard);
                Transaction.autocommit(db.connection);
                db.resetSession();
            }
        } catch (RuntimeException e) {
            throw Transaction.abandon(db, e);
        }
        Duration took = elapsed(start);
        Applied a = new Applied(m.version().text(), m.description(), m.script(), took, plan.transactional(),
                plan.noTransactionReason(), plan.statements().size(), m.checksum(), batch, rerun);
        listener.on(new Event.MigrationApplied(a));
        return a;
    }

    /**
     * The statements and the history row commit together, or not at all. Not {@link Transaction#run}: the
     * lock is checked right before the commit, and a statement that timed out waiting for a lock rolls
     * back to be run again ({@link LockGuard}).
     */
    private void applyInTransaction(Session db, Migration m, ScriptPlan plan, int batch, long start,
                                    int appliedBefore, LockGuard guard) {
        try {
            db.begin();
            LockGuard.Watch watch = guard.watch();
            try {
                new Runner(db.connection, db.dialect).run(plan.statements(), true);
            } catch (Runner.StatementFailure f) {
                Transaction.rollback(db.connection, f.cause);
                guard.retryOnLockTimeout(m, f, watch);
                throw guard.named(failed(db, m, plan, f, batch, elapsed(start), appliedBefore, -1), f, watch, true);
            } finally {
                watch.close();
            }
            db.recordAndResetSession(row(m, plan, batch, HistoryRow.Status.SUCCESS, elapsed(start), ""));
            db.verifyLockBeforeCommit("rolled back: nothing of " + m.version() + " was applied"
                    + stayApplied(appliedBefore), "migrate");
            db.connection.commit();
        } catch (SQLException e) {
            Transaction.rollback(db.connection, e);
            throw Jdbc.failed("migration " + m.version() + " could not be recorded; it was rolled back", e);
        }
    }

    /**
     * Each statement commits on its own, so the row is written first, as FAILED "did not finish":
     * a runner killed half way leaves that row, and the next migrate refuses until repair instead
     * of running the statements again.
     */
    private void applyWithoutTransaction(Session db, Migration m, ScriptPlan plan, int batch, long start,
                                         int appliedBefore, LockGuard guard) {
        long id;
        db.verifyLockBeforeCommit("not started: " + m.version() + " (without a transaction) did not run"
                + stayApplied(appliedBefore), "migrate");
        try {
            db.connection.setAutoCommit(true);
            id = db.history.insert(db.connection, row(m, plan, batch, HistoryRow.Status.FAILED, Duration.ZERO,
                    m.up().name() + ": started without a transaction and did not finish (the runner stopped);"
                            + " check which of its " + plan.statements().size() + " statements ran"));
        } catch (SQLException e) {
            throw Jdbc.failed("migration " + m.version() + " could not be recorded; nothing of it ran", e);
        }
        LockGuard.Watch watch = guard.watch();
        try {
            new Runner(db.connection, db.dialect).run(plan.statements(), false);
        } catch (Runner.StatementFailure f) {
            // A failure inside a block the script opened leaves it aborted: end it, so the row can be written.
            endOpenBlock(db);
            throw guard.named(failed(db, m, plan, f, batch, elapsed(start), appliedBefore, id), f, watch, false);
        } finally {
            watch.close();
        }
        if (endOpenBlock(db)) {
            throw uncommitted(db, m, id, elapsed(start));
        }
        try {
            db.history.complete(db.connection, id, HistoryRow.Status.SUCCESS, elapsed(start).toMillis(), "");
        } catch (SQLException e) {
            throw Jdbc.failed("migration " + m.version() + " ran without a transaction, but its history row could not"
                    + " be marked SUCCESS; it stays FAILED: check the database, then run '"
                    + Next.action("repair") + "'", e);
        }
    }

    /**
     * Rolls back a transaction block a script opened and left open; whether there was one. Its work
     * is not committed, and would be lost silently when the session ends.
     */
    static boolean endOpenBlock(Session db) {
        try {
            if (db.dialect.inTransactionBlock(db.connection)) {
                try (java.sql.Statement s = db.connection.createStatement()) {
                    s.execute("ROLLBACK");
                }
                return true;
            }
        } catch (SQLException e) {
            // A broken connection is reported by the next statement on it.
        }
        return false;
    }

    /** A non-transactional migration ended inside a transaction it opened: recorded FAILED, never applied. */
    private static CairnException uncommitted(Session db, Migration m, long id, Duration took) {
        String why = m.up().name() + ": it ended inside a transaction it opened (BEGIN) and never committed, so"
                + " Cairn rolled that transaction back: what ran after its last BEGIN was not applied; what ran"
                + " before it stays applied";
        SQLException unrecorded = null;
        try {
            db.history.complete(db.connection, id, HistoryRow.Status.FAILED, took.toMillis(), why);
        } catch (SQLException e) {
            unrecorded = e;
        }
        return CairnException.failed("migration.uncommitted", "migration " + m.version() + " failed: " + why
                + (unrecorded == null ? "" : "\n  its history row could not be marked: " + unrecorded.getMessage())
                + "\n  next: add COMMIT; after the statements its BEGIN opens (or remove the BEGIN), undo by hand"
                + " what ran, run '" + Next.action("repair") + "', then '" + Next.action("migrate") + "'", unrecorded);
    }

    /** Records the failure: a new FAILED row, or for a non-transactional run its started row {@code id}. */
    static MigrationException failed(Session db, Migration m, ScriptPlan plan, Runner.StatementFailure f, int batch,
                                      Duration took, int appliedBefore, long id) {
        Failure failure = Failure.of(m.version().text(), m.up().name(), plan, f);
        try {
            db.connection.setAutoCommit(true);
            if (id < 0) {
                db.history.insert(db.connection, row(m, plan, batch, HistoryRow.Status.FAILED, took, failure.historyText()));
            } else {
                db.history.complete(db.connection, id, HistoryRow.Status.FAILED, took.toMillis(), failure.historyText());
            }
        } catch (SQLException e) {
            f.cause.setNextException(e);
        }
        return new MigrationException(failure, Messages.migrationFailed(failure, appliedBefore), f.cause);
    }

    /** {@code ; the 2 migrations before it in this run stay applied}, or nothing when there were none. */
    static String stayApplied(int appliedBefore) {
        return appliedBefore == 0 ? "" : appliedBefore == 1 ? "; the migration before it in this run stays applied"
                : "; the " + appliedBefore + " migrations before it in this run stay applied";
    }

    static NewRow row(Migration m, ScriptPlan plan, int batch, HistoryRow.Status status, Duration took,
                              String error) {
        return new NewRow(m.version().text(), m.description(), m.script(), m.kind().label(), m.checksum(), m.up().text(),
                m.down().map(d -> d.text()), batch, status, plan.transactional(), took.toMillis(), error);
    }

    static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }


}
