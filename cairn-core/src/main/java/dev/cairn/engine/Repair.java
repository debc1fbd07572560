package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.error.CairnException;
import dev.cairn.history.HistoryRow;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Migration;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Mends the history after a person has looked at the database: FAILED rows are resolved (the
 * migration counts as not applied again), and the checksums of intentionally edited applied files
 * are realigned. Every change is listed and approved first, then made in one transaction.
 */
public final class Repair {

    private final Configuration config;
    private final Listener listener;

    public Repair(Configuration config, Listener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** One change repair makes. */
    public record Change(String version, String script, Kind kind, String detail) {
        /** What kind of change. */
        public enum Kind {
            /** A FAILED row is marked resolved; the migration is pending again. */
            RESOLVE_FAILED,
            /** An applied row takes the edited file's checksum and scripts. */
            REALIGN_CHECKSUM
        }
    }

    /** The changes made; empty when there was nothing to repair. */
    public record Result(List<Change> changes) {
        public Result {
            changes = List.copyOf(changes);
        }
    }

    private record Step(Change change, HistoryRow row, Migration migration) {
    }

    public Result run(Predicate<List<Change>> approve) {
        return Discover.opening(config, Discover::valid, db -> null,
                (db, migrations, early) -> run(db, migrations, approve));
    }

    /** {@link #run(Predicate)} on a session already open; its owner closes it. */
    Result run(Session db, Predicate<List<Change>> approve) {
        return run(db, Discover.valid(config), approve);
    }

    private Result run(Session db, List<Migration> migrations, Predicate<List<Change>> approve) {
        db.lock(listener);
        List<Step> steps = steps(new Ledger(migrations, db.rows()));
        if (steps.isEmpty()) {
            return new Result(List.of());
        }
        List<Change> changes = steps.stream().map(Step::change).toList();
        if (!approve.test(changes)) {
            throw CairnException.refused("repair.unconfirmed", "repair was not confirmed; nothing was changed");
        }
        apply(db, steps);
        return new Result(changes);
    }

    private static List<Step> steps(Ledger ledger) {
        List<Step> steps = new ArrayList<>();
        for (Ledger.Entry e : ledger.entries()) {
            HistoryRow row = e.row().orElse(null);
            if (e.state() == State.FAILED && row != null) {
                steps.add(new Step(new Change(e.version().text(), row.script(), Change.Kind.RESOLVE_FAILED,
                        "resolve the failed attempt (" + row.error() + "); the migration will run again on the next"
                                + " migrate"), row, e.migration().orElse(null)));
            } else if (e.state() == State.MODIFIED && row != null) {
                Migration m = e.migration().orElseThrow();
                steps.add(new Step(new Change(e.version().text(), row.script(), Change.Kind.REALIGN_CHECKSUM,
                        "accept the edited file: checksum " + Messages.shortSum(row.checksum()) + " becomes "
                                + Messages.shortSum(m.checksum())), row, m));
            }
        }
        return steps;
    }

    private static void apply(Session db, List<Step> steps) {
        try {
            Transaction.run(db.connection, () -> {
                for (Step s : steps) {
                    if (s.change().kind() == Change.Kind.RESOLVE_FAILED) {
                        db.history.resolveFailed(db.connection, s.row().id());
                    } else {
                        Migration m = s.migration();
                        db.history.realign(db.connection, s.row().id(), m.checksum(), m.up().text(),
                                m.down().map(d -> d.text()));
                    }
                }
            });
        } catch (SQLException e) {
            throw Jdbc.failed("repair could not update the history; nothing was changed", e);
        }
    }
}
