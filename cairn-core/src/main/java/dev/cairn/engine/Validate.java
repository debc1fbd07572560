package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.history.HistoryRow;
import dev.cairn.migration.Discovery;
import dev.cairn.migration.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the files against the history without changing anything: checksums, duplicate versions,
 * missing files, failed rows, ordering.
 */
public final class Validate {

    private final Configuration config;

    public Validate(Configuration config) {
        this.config = config;
    }

    public ValidateResult run() {
        return Discover.opening(config, Discover::all, Session::rows, this::run);
    }

    /** {@link #run()} on a session already open; its owner closes it. */
    ValidateResult run(Session db) {
        return Discover.on(db, config, Discover::all, Session::rows, this::run);
    }

    private ValidateResult run(Session db, Discovery discovery, List<HistoryRow> early) {
        List<Problem> problems = new ArrayList<>(discovery.problems());
        problems.addAll(problems(new Ledger(discovery.migrations(), early), config.outOfOrder()));
        return new ValidateResult(discovery.migrations().size(), problems);
    }

    static List<Problem> problems(Ledger ledger, boolean outOfOrderAllowed) {
        List<Problem> out = new ArrayList<>();
        for (Ledger.Entry e : ledger.entries()) {
            switch (e.state()) {
                case MODIFIED -> out.add(new Problem("validate.modified", Messages.modified(e)));
                case MISSING -> out.add(new Problem("validate.missing", Messages.missing(e)));
                case FAILED -> {
                    HistoryRow r = e.row().orElseThrow();
                    out.add(new Problem("validate.failed", "migration " + e.version() + " (" + r.script()
                            + ") failed: " + r.error() + (Ledger.changedNothing(r)
                            ? "; fix the file and run 'cairn migrate'"
                            : "; it ran without a transaction, so finish or undo it by hand and run 'cairn repair'")));
                }
                case OUT_OF_ORDER -> {
                    if (!outOfOrderAllowed) {
                        out.add(new Problem("validate.out-of-order", "pending migration " + e.version() + " ("
                                + e.script() + ") is below the newest applied version "
                                + ledger.newestApplied().map(Object::toString).orElse("")
                                + "; apply it with 'cairn migrate --out-of-order' or give it a higher version"));
                    }
                }
                default -> { }
            }
        }
        return out;
    }
}
