package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import dev.cairn.history.HistoryRow;
import dev.cairn.jdbc.DatabaseError;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Migration;
import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Undoes applied migrations, newest first, each down script in its own transaction together with
 * marking its history row ROLLED_BACK. Refuses as a whole, before touching anything, when one of
 * them has no down script.
 */
public final class Rollback {

    private final Configuration config;
    private final Listener listener;

    public Rollback(Configuration config, Listener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** The down source of a down script Cairn computed at apply time for a migration that had none. */
    static final String COMPUTED = "computed";

    /** The down source of a down script that is there but has no statement: nothing is undone. */
    static final String EMPTY = "empty";

    /**
     * One migration to undo, with the down script chosen for it: {@code source} is {@code file},
     * {@code history} or {@code computed} (see {@link ComputedDown}), {@code empty} when the down script is there but holds no statement (nothing to
     * undo), or {@code missing} when there is none (a rollback refuses those).
     */
    private record Step(Ledger.Entry entry, HistoryRow row, SqlSource down, String source) {
        boolean runnable() {
            return !source.equals("missing");
        }

        RollbackRequest.Planned planned() {
            return new RollbackRequest.Planned(entry.version().text(), row.script(), row.batch(), source,
                    runnable() ? down.text().strip() : "");
        }
    }

    public RollbackResult run(RollbackRequest request) {
        return Discover.opening(config, Discover::valid, db -> null,
                (db, migrations, early) -> run(db, migrations, request));
    }

    /** {@link #run(RollbackRequest)} on a session already open; its owner closes it. */
    RollbackResult run(Session db, RollbackRequest request) {
        return run(db, Discover.valid(config), request);
    }

    private RollbackResult run(Session db, List<Migration> migrations, RollbackRequest request) {
        db.lock(listener);
        Ledger ledger = new Ledger(migrations, db.rows());
        List<Ledger.Entry> chosen = Selections.choose(ledger, request.selection());
        if (chosen.isEmpty()) {
            return new RollbackResult(List.of());
        }
        List<Step> steps = steps(chosen);
        refuseWithoutDown(steps);
        List<ScriptPlan> plans = new ArrayList<>();
        for (Step s : steps) {
            // A migration that opted out of a transaction (goose NO TRANSACTION, diesel metadata.toml,
            // transaction = false) runs its down script without one too.
            Migration.Transaction mode = s.entry().migration().map(Migration::transaction)
                    .orElse(Migration.Transaction.AUTO);
            plans.add(ScriptPlan.of(s.down(), mode, db.dialect, db.serverMajor));
        }
        List<RollbackRequest.Planned> plan = steps.stream().map(Step::planned).toList();
        if (!request.confirmation().approve(plan)) {
            throw CairnException.refused("rollback.unconfirmed", "rollback was not confirmed; nothing was rolled back");
        }
        listener.on(new Event.RunStarting(steps.stream().map(s -> s.row().script()).toList()));
        List<RolledBack> done = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            done.add(undo(db, steps.get(i), plans.get(i), done.size()));
        }
        return new RollbackResult(done);
    }

    /**
     * What a rollback of {@code selection} would undo, newest first, with each down script and where
     * it comes from, including those without one. Takes no lock and changes nothing.
     */
    public List<RollbackRequest.Planned> dryRun(RollbackRequest.Selection selection) {
        return Discover.opening(config, Discover::valid, Session::rows,
                (db, migrations, early) -> dryRun(migrations, early, selection));
    }

    /** {@link #dryRun(RollbackRequest.Selection)} on a session already open; its owner closes it. */
    List<RollbackRequest.Planned> dryRun(Session db, RollbackRequest.Selection selection) {
        return dryRun(Discover.valid(config), db.rows(), selection);
    }

    private static List<RollbackRequest.Planned> dryRun(List<Migration> migrations, List<HistoryRow> early,
                                                        RollbackRequest.Selection selection) {
        Ledger ledger = new Ledger(migrations, early);
        return steps(Selections.choose(ledger, selection)).stream().map(Step::planned).toList();
    }

    private static List<Step> steps(List<Ledger.Entry> chosen) {
        List<Step> steps = new ArrayList<>();
        for (Ledger.Entry e : chosen) {
            HistoryRow row = e.row().orElseThrow();
            var file = e.migration().filter(m -> m.checksum().equals(row.checksum())).flatMap(Migration::down);
            Optional<SqlSource> stored = row.down().map(d ->
                    new SqlSource(row.script() + " (down SQL stored at apply time)", d, 1));
            // A down with statements wins: the file's, else the one stored at apply time (or taken over
            // from another tool's history). A down that is there but holds none is a deliberate "nothing to undo".
            if (file.filter(SqlSplitter::hasStatements).isPresent()) {
                steps.add(new Step(e, row, file.get(), "file"));
            } else if (stored.filter(SqlSplitter::hasStatements).isPresent()) {
                steps.add(new Step(e, row, stored.get(), row.computedDown() ? COMPUTED : "history"));
            } else if (file.isPresent() || stored.isPresent()) {
                steps.add(new Step(e, row, file.or(() -> stored).get(), EMPTY));
            } else {
                steps.add(new Step(e, row, new SqlSource(row.script(), "", 1), "missing"));
            }
        }
        return steps;
    }

    private static void refuseWithoutDown(List<Step> steps) {
        List<String> lacking = new ArrayList<>();
        boolean allDrizzle = true;
        for (Step s : steps) {
            if (!s.runnable()) {
                lacking.add(s.entry().version() + " (" + s.row().script() + ")");
                allDrizzle &= s.entry().migration().map(m -> m.convention().equals("drizzle")).orElse(false);
            }
        }
        if (!lacking.isEmpty()) {
            String why = allDrizzle
                    ? ": drizzle-kit writes none, and Cairn computed none when it applied " + (lacking.size() == 1
                    ? "it" : "them") + " (computed_downs is off, the run applied more than " + ComputedDown.MAX_PER_RUN
                    + " without one, it changed data only, or the generator cannot express its change); undo a change"
                    + " with a new migration (" + Next.action("new") + "), or choose fewer migrations"
                    : ", in its file or stored in the history; add a down section or file (an empty one says there is"
                    + " nothing to undo), or choose"
                    + " fewer migrations";
            throw CairnException.validation("rollback.no-down", "cannot roll back: " + String.join(", ", lacking)
                    + (lacking.size() == 1 ? " has" : " have") + " no down script" + why + "; nothing was rolled back");
        }
    }

    private RolledBack undo(Session db, Step step, ScriptPlan plan, int doneBefore) {
        db.verifyLock();
        long start = System.nanoTime();
        try {
            if (!plan.transactional()) {
                db.verifyLockBeforeCommit("not started: the rollback of " + step.entry().version() + " (without a"
                        + " transaction) did not run" + stayRolledBack(doneBefore), "rollback");
            }
            // Not Transaction.run: the lock is checked right before the commit, as for a migration.
            if (plan.transactional()) {
                db.begin();
            } else {
                db.connection.setAutoCommit(true);
            }
            try {
                new Runner(db.connection, db.dialect).run(plan.statements(), plan.transactional());
            } catch (Runner.StatementFailure f) {
                Transaction.rollback(db.connection, f.cause);
                throw failed(step, plan, f, doneBefore);
            }
            db.history.markRolledBack(db.connection, step.row().id());
            if (plan.transactional()) {
                db.verifyLockBeforeCommit("rolled back: " + step.entry().version() + " stays applied"
                        + stayRolledBack(doneBefore), "rollback");
                db.connection.commit();
            }
            db.connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw cleanUp(db, Jdbc.failed("rollback of " + step.entry().version() + " could not be recorded", e));
        } catch (RuntimeException e) {
            throw cleanUp(db, e);
        }
        db.resetSession();
        RolledBack r = new RolledBack(step.entry().version().text(), step.row().script(), step.row().batch(),
                Duration.ofNanos(System.nanoTime() - start), step.source());
        listener.on(new Event.MigrationRolledBack(r));
        return r;
    }

    /** After a failed step: nothing of it commits, and the session is put back if the connection still works. */
    private static RuntimeException cleanUp(Session db, RuntimeException failure) {
        return Transaction.abandon(db, failure);
    }

    /** {@code ; the 2 newer migrations before it were rolled back}, or nothing. */
    private static String stayRolledBack(int doneBefore) {
        return doneBefore == 0 ? "" : doneBefore == 1 ? "; the newer migration before it stays rolled back"
                : "; the " + doneBefore + " newer migrations before it stay rolled back";
    }

    private static MigrationException failed(Step step, ScriptPlan plan, Runner.StatementFailure f, int doneBefore) {
        Failure failure = Failure.of(step.entry().version().text(), step.down().name(), plan, f);
        DatabaseError error = failure.error();
        String message = Messages.failedAt("rollback of " + failure.version(), failure)
                + (plan.transactional() ? "\n  rolled back: " + failure.version() + " stays applied"
                : "\n  ran without a transaction: " + f.index + " of " + plan.statements().size()
                + " statements completed; " + failure.version() + " is still recorded as applied")
                + (doneBefore > 0 ? "; the " + Messages.count(doneBefore, "newer migration") + " before it "
                + (doneBefore == 1 ? "was" : "were") + " rolled back" : "")
                + (error.notTheFile() ? "\n  next: the down script is fine: run '" + Next.action("rollback")
                + "' again (see the hint)"
                : "\n  next: fix the down script and run '" + Next.action("rollback") + "' again");
        return new MigrationException(failure, message, f.cause);
    }

    /** Picks the applied migrations a selection names, newest application first. */
    static final class Selections {
        private Selections() {
        }

        static List<Ledger.Entry> choose(Ledger ledger, RollbackRequest.Selection selection) {
            List<Ledger.Entry> applied = ledger.entries().stream()
                    .filter(e -> e.row().map(r -> r.status() == HistoryRow.Status.SUCCESS).orElse(false))
                    .filter(e -> !e.row().get().kind().equals(Migration.Kind.REPEATABLE.label())
                            && !e.version().isRepeatable())
                    .sorted(Comparator.comparingLong((Ledger.Entry e) -> e.row().get().id()).reversed())
                    .toList();
            if (selection instanceof RollbackRequest.Selection.LastBatch) {
                int last = applied.stream().mapToInt(e -> e.row().get().batch()).max().orElse(0);
                return applied.stream().filter(e -> e.row().get().batch() == last).toList();
            }
            if (selection instanceof RollbackRequest.Selection.Steps s) {
                if (s.n() < 1) {
                    throw CairnException.usage("rollback.steps", Next.setting("steps") + " must be at least 1, got "
                            + s.n());
                }
                return applied.subList(0, Math.min(s.n(), applied.size()));
            }
            if (selection instanceof RollbackRequest.Selection.To t) {
                List<Ledger.Entry> found = t.migration().matches(ledger.entries());
                if (found.isEmpty()) {
                    throw CairnException.usage("rollback.unknown-version", Next.setting("to", t.migration().toString()) + ": no migration"
                            + " has that version or name; give the version or file name of the migration to keep"
                            + " (everything newer is rolled back), or use " + Next.setting("all")
                            + ". Nothing was rolled back");
                }
                if (found.size() > 1) {
                    throw t.migration().ambiguous(found, Next.setting("to"));
                }
                var keep = found.get(0).version();
                return applied.stream().filter(e -> e.version().compareTo(keep) > 0).toList();
            }
            if (selection instanceof RollbackRequest.Selection.Batch b) {
                return applied.stream().filter(e -> e.row().get().batch() == b.batch()).toList();
            }
            if (selection instanceof RollbackRequest.Selection.Only o) {
                return only(ledger, applied, o);
            }
            return applied;
        }

        /** The one applied migration {@code --only} names; refused while newer ones are applied, unless forced. */
        private static List<Ledger.Entry> only(Ledger ledger, List<Ledger.Entry> applied,
                                               RollbackRequest.Selection.Only o) {
            Ledger.Entry e = Reference.of(o.reference()).resolve(ledger.entries(), Next.setting("only"));
            Ledger.Entry chosen = applied.stream().filter(a -> a.version().equals(e.version())).findFirst()
                    .orElseThrow(() -> CairnException.usage("rollback.only-not-applied", Next.setting("only", o.reference())
                            + ": migration " + e.version() + " (" + e.script() + ") is " + e.state().label()
                            + ", not applied; nothing was rolled back"));
            HistoryRow row = chosen.row().orElseThrow();
            List<String> newer = applied.stream().filter(a -> a != chosen)
                    .filter(a -> a.version().compareTo(chosen.version()) > 0 || a.row().get().id() > row.id())
                    .map(a -> a.version() + " (" + a.script() + ")").toList();
            if (!newer.isEmpty() && !o.force()) {
                throw CairnException.validation("rollback.only-newer", Next.setting("only", o.reference()) + ": "
                        + (newer.size() == 1 ? "a newer migration is" : newer.size() + " newer migrations are")
                        + " applied after " + chosen.version() + " (" + String.join(", ", newer) + ") and may depend"
                        + " on it; roll " + (newer.size() == 1 ? "it" : "them") + " back first, or add "
                        + Next.setting("force") + " to roll"
                        + " back only " + chosen.version() + ". Nothing was rolled back");
            }
            return List.of(chosen);
        }
    }
}
