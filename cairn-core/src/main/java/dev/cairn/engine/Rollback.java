package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.error.CairnException;
import dev.cairn.history.HistoryRow;
import dev.cairn.jdbc.DatabaseError;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Migration;
import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

    /** The down source of a down script that is there but has no statement: nothing is undone. */
    static final String EMPTY = "empty";

    /** One migration to undo, with the down script chosen for it. */
    private record Step(Ledger.Entry entry, HistoryRow row, SqlSource down, String source) {
    }

    public RollbackResult run(RollbackRequest request) {
        Discover.Opened<List<Migration>, Void> opened = Discover.whileOpening(config, Discover::valid);
        List<Migration> migrations = opened.files();
        try (Database db = opened.db()) {
            db.lock(listener);
            Ledger ledger = new Ledger(migrations, db.rows());
            List<Ledger.Entry> chosen = Selections.choose(ledger, request.selection());
            if (chosen.isEmpty()) {
                return new RollbackResult(List.of());
            }
            List<Step> steps = new ArrayList<>();
            List<ScriptPlan> plans = new ArrayList<>();
            for (Step s : steps(chosen)) {
                // A migration that opted out of a transaction (goose NO TRANSACTION, diesel metadata.toml,
                // transaction = false) runs its down script without one too.
                Migration.Transaction mode = s.entry().migration().map(Migration::transaction)
                        .orElse(Migration.Transaction.AUTO);
                ScriptPlan p = ScriptPlan.of(s.down(), mode, db.dialect, db.serverMajor);
                // A down that is there but holds no statement is a deliberate "nothing to undo".
                boolean empty = p.statements().stream().allMatch(SqlStatement::isEmpty);
                steps.add(empty ? new Step(s.entry(), s.row(), s.down(), EMPTY) : s);
                plans.add(p);
            }
            List<RollbackRequest.Planned> plan = steps.stream().map(s -> new RollbackRequest.Planned(
                    s.entry().version().text(), s.row().script(), s.row().batch(), s.source())).toList();
            if (!request.confirmation().approve(plan)) {
                throw CairnException.refused("rollback.unconfirmed", "rollback was not confirmed; nothing was rolled back");
            }
            List<RolledBack> done = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                done.add(undo(db, steps.get(i), plans.get(i), done.size()));
            }
            return new RollbackResult(done);
        }
    }

    private static List<Step> steps(List<Ledger.Entry> chosen) {
        List<Step> steps = new ArrayList<>();
        List<String> lacking = new ArrayList<>();
        boolean allDrizzle = true;
        for (Ledger.Entry e : chosen) {
            HistoryRow row = e.row().orElseThrow();
            var file = e.migration().filter(m -> m.checksum().equals(row.checksum())).flatMap(Migration::down);
            if (file.isPresent()) {
                steps.add(new Step(e, row, file.get(), "file"));
            } else if (row.down().isPresent()) {
                steps.add(new Step(e, row, new SqlSource(row.script() + " (down SQL stored at apply time)",
                        row.down().get(), 1), "history"));
            } else {
                lacking.add(e.version() + " (" + row.script() + ")");
                allDrizzle &= e.migration().map(m -> m.convention().equals("drizzle")).orElse(false);
            }
        }
        if (!lacking.isEmpty()) {
            String why = allDrizzle
                    ? ": drizzle-kit writes none, so drizzle migrations only go forward; undo a change with a new"
                    + " migration (cairn new NAME), or choose fewer migrations"
                    : ", in its file or stored in the history; add a down section or file (an empty one says there is"
                    + " nothing to undo), or choose"
                    + " fewer migrations";
            throw CairnException.validation("rollback.no-down", "cannot roll back: " + String.join(", ", lacking)
                    + (lacking.size() == 1 ? " has" : " have") + " no down script" + why + "; nothing was rolled back");
        }
        return steps;
    }

    private RolledBack undo(Database db, Step step, ScriptPlan plan, int doneBefore) {
        db.verifyLock();
        long start = System.nanoTime();
        try {
            if (!plan.transactional()) {
                db.verifyLockBeforeCommit("not started: the rollback of " + step.entry().version() + " (without a"
                        + " transaction) did not run" + stayRolledBack(doneBefore), "rollback");
            }
            db.connection.setAutoCommit(!plan.transactional());
            try {
                new Runner(db.connection, db.dialect).run(plan.statements(), plan.transactional());
            } catch (Runner.StatementFailure f) {
                Migrate.rollbackQuietly(db);
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
    private static RuntimeException cleanUp(Database db, RuntimeException failure) {
        Migrate.rollbackQuietly(db);
        Migrate.autocommit(db);
        Migrate.resetAfterFailure(db, failure);
        return failure;
    }

    /** {@code ; the 2 newer migrations before it were rolled back}, or nothing. */
    private static String stayRolledBack(int doneBefore) {
        return doneBefore == 0 ? "" : doneBefore == 1 ? "; the newer migration before it stays rolled back"
                : "; the " + doneBefore + " newer migrations before it stay rolled back";
    }

    private static MigrationException failed(Step step, ScriptPlan plan, Runner.StatementFailure f, int doneBefore) {
        SqlStatement st = plan.statements().get(f.index);
        DatabaseError error = Jdbc.error(f.cause);
        Failure failure = new Failure(step.entry().version().text(), step.down().name(), st.line(),
                Positions.locate(st, error.position()), error, f.index, plan.statements().size(), plan.transactional());
        String message = "rollback of " + failure.version() + " failed at " + failure.where() + ": "
                + error.describe() + error.hint().map(h -> "\n  hint: " + h).orElse("")
                + (plan.transactional() ? "\n  rolled back: " + failure.version() + " stays applied"
                : "\n  ran without a transaction: " + f.index + " of " + plan.statements().size()
                + " statements completed; " + failure.version() + " is still recorded as applied")
                + (doneBefore > 0 ? "; the " + doneBefore + " newer migration(s) before it were rolled back" : "")
                + (error.notTheFile() ? "\n  next: the down script is fine: run 'cairn rollback' again (see the hint)"
                : "\n  next: fix the down script and run 'cairn rollback' again");
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
                    throw CairnException.usage("rollback.steps", "--steps must be at least 1, got " + s.n());
                }
                return applied.subList(0, Math.min(s.n(), applied.size()));
            }
            if (selection instanceof RollbackRequest.Selection.To t) {
                List<Ledger.Entry> found = t.migration().matches(ledger.entries());
                if (found.isEmpty()) {
                    throw CairnException.usage("rollback.unknown-version", "--to " + t.migration() + ": no migration"
                            + " has that version or name; give the version or file name of the migration to keep"
                            + " (everything newer is rolled back), or use --all. Nothing was rolled back");
                }
                if (found.size() > 1) {
                    throw t.migration().ambiguous(found, "--to");
                }
                var keep = found.get(0).version();
                return applied.stream().filter(e -> e.version().compareTo(keep) > 0).toList();
            }
            if (selection instanceof RollbackRequest.Selection.Batch b) {
                return applied.stream().filter(e -> e.row().get().batch() == b.batch()).toList();
            }
            return applied;
        }
    }
}
