package dev.cairn.engine;

import dev.cairn.error.CairnException;
import dev.cairn.history.HistoryRow;
import dev.cairn.migration.Migration;
import dev.cairn.migration.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which migrations {@code migrate} runs, and when it must refuse instead: an applied file was
 * changed or removed, a non-transactional migration failed part way, or a pending version that was
 * never applied lies below the newest applied one. A failed migration that changed nothing is tried again.
 */
final class Pending {

    private Pending() {
    }

    static List<Migration> select(Ledger ledger, MigrateOptions options) {
        Optional<Version> target = target(ledger, options);
        refuseUnsafe(ledger, options.outOfOrder(), target);
        List<Migration> out = new ArrayList<>();
        for (Ledger.Entry e : ledger.entries()) {
            if (e.migration().isEmpty()) {
                continue;
            }
            Migration m = e.migration().get();
            boolean runnable = e.state() == State.PENDING || e.state() == State.OUT_OF_ORDER
                    || e.state() == State.FAILED;
            boolean inTarget = m.kind() == Migration.Kind.REPEATABLE
                    || target.map(t -> m.version().compareTo(t) <= 0).orElse(true);
            if (runnable && inTarget) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The version {@code --target} stands for: that of the migration it names, else the version it is
     * (any version bounds the run, even one no file has).
     */
    static Optional<Version> target(Ledger ledger, MigrateOptions options) {
        if (options.target().isEmpty()) {
            return Optional.empty();
        }
        Reference ref = options.target().get();
        List<Ledger.Entry> found = ref.matches(ledger.entries());
        if (found.size() == 1) {
            return Optional.of(found.get(0).version());
        }
        if (found.size() > 1) {
            throw ref.ambiguous(found, "--target");
        }
        return Optional.of(ref.version().orElseGet(() -> ref.resolve(ledger.entries(), "--target").version()));
    }

    private static void refuseUnsafe(Ledger ledger, boolean outOfOrder, Optional<Version> target) {
        List<String> lines = new ArrayList<>();
        for (Ledger.Entry e : ledger.entries()) {
            switch (e.state()) {
                case MODIFIED -> lines.add(Messages.modified(e));
                case MISSING -> lines.add(Messages.missing(e));
                case FAILED -> {
                    HistoryRow r = e.row().orElseThrow();
                    if (!Ledger.changedNothing(r)) {
                        lines.add("migration " + e.version() + " (" + r.script() + ") failed part way without a"
                                + " transaction: " + r.error() + "; the database may be partly changed. Finish or undo"
                                + " its statements by hand, then run 'cairn repair' to mark it resolved");
                    }
                }
                case OUT_OF_ORDER -> {
                    if (!outOfOrder && target.map(t -> e.version().compareTo(t) <= 0).orElse(true)) {
                        lines.add("pending migration " + e.version() + " (" + e.script() + ") is below the newest applied"
                                + " version " + ledger.newestApplied().map(Object::toString).orElse("") + "; run with"
                                + " --out-of-order to apply it anyway, or give it a version above "
                                + ledger.newestApplied().map(Object::toString).orElse(""));
                    }
                }
                default -> { }
            }
        }
        if (!lines.isEmpty()) {
            throw CairnException.validation("migrate.refused", "nothing was applied; "
                    + (lines.size() == 1 ? "" : lines.size() + " problems:\n  ")
                    + lines.stream().collect(Collectors.joining("\n  ")));
        }
    }
}
