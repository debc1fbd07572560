package dev.cairn.engine;

import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import dev.cairn.history.HistoryRow;
import dev.cairn.migration.Migration;
import dev.cairn.migration.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which migrations {@code migrate} runs, and when it must refuse instead: an applied file was
 * changed (unless re-running changed files was asked for) or removed, a non-transactional migration failed
 * part way, or a pending version that was never applied lies below the newest applied one. A failed
 * migration that changed nothing is tried again.
 */
final class Pending {

    private Pending() {
    }

    static List<Migration> select(Ledger ledger, MigrateOptions options) {
        Optional<Version> target = target(ledger, options);
        Optional<Ledger.Entry> only = options.only().map(ref -> chosen(ledger, ref, options));
        refuseUnsafe(ledger, options, target, only);
        List<Migration> out = new ArrayList<>();
        for (Ledger.Entry e : ledger.entries()) {
            if (e.migration().isEmpty() || only.filter(o -> o != e).isPresent()) {
                continue;
            }
            Migration m = e.migration().get();
            boolean runnable = e.state() == State.PENDING || e.state() == State.OUT_OF_ORDER
                    || e.state() == State.FAILED || e.state() == State.MODIFIED && options.rerunModified();
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
            throw ref.ambiguous(found, Next.setting("target"));
        }
        return Optional.of(ref.version().orElseGet(() -> ref.resolve(ledger.entries(), Next.setting("target")).version()));
    }

    /** The applied migrations among {@code selected} whose file changed: what {@code --rerun-modified} runs again. */
    static List<MigrateOptions.Rerun> reruns(Ledger ledger, List<Migration> selected) {
        List<MigrateOptions.Rerun> out = new ArrayList<>();
        for (Ledger.Entry e : ledger.withState(State.MODIFIED)) {
            e.migration().filter(selected::contains).ifPresent(m -> out.add(new MigrateOptions.Rerun(
                    e.version().text(), m.script(), e.row().orElseThrow().checksum(), m.checksum())));
        }
        return out;
    }

    /** The one migration {@code --only} names; it must exist and wait to be applied. */
    private static Ledger.Entry chosen(Ledger ledger, String reference, MigrateOptions options) {
        Ledger.Entry e = Reference.of(reference).resolve(ledger.entries(), Next.setting("only"));
        boolean waiting = e.migration().isPresent() && (e.state() == State.PENDING || e.state() == State.OUT_OF_ORDER
                || e.state() == State.FAILED || e.state() == State.MODIFIED && options.rerunModified());
        if (!waiting) {
            throw CairnException.usage("migrate.only-not-pending", Next.setting("only", reference) + ": migration "
                    + e.version() + " (" + e.script() + ") is " + e.state().label() + ", not pending"
                    + (e.state() == State.MODIFIED ? "; add " + Next.setting("rerun-modified")
                    + " to run the changed file again" : "")
                    + ". Nothing was applied");
        }
        return e;
    }

    private static void refuseUnsafe(Ledger ledger, MigrateOptions options, Optional<Version> target,
                                     Optional<Ledger.Entry> only) {
        List<String> lines = new ArrayList<>();
        for (Ledger.Entry e : ledger.entries()) {
            switch (e.state()) {
                case MODIFIED -> {
                    if (!options.rerunModified()) {
                        lines.add(Messages.modified(e));
                    }
                }
                case MISSING -> lines.add(Messages.missing(e));
                case FAILED -> {
                    HistoryRow r = e.row().orElseThrow();
                    if (!Ledger.changedNothing(r)) {
                        lines.add("migration " + e.version() + " (" + r.script() + ") failed part way without a"
                                + " transaction: " + r.error() + "; the database may be partly changed. Finish or undo"
                                + " its statements by hand, then run '" + Next.action("repair")
                                + "' to mark it resolved");
                    }
                }
                case OUT_OF_ORDER -> {
                    boolean selected = only.map(o -> o == e).orElse(true)
                            && target.map(t -> e.version().compareTo(t) <= 0).orElse(true);
                    if (!options.outOfOrder() && selected) {
                        lines.add("pending migration " + e.version() + " (" + e.script() + ") is below the newest applied"
                                + " version " + ledger.newestApplied().map(Object::toString).orElse("") + "; run with"
                                + " " + Next.setting("out-of-order")
                                + " to apply it anyway, or give it a version above "
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
