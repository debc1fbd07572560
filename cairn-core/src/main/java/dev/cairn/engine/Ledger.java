package dev.cairn.engine;

import dev.cairn.history.HistoryRow;
import dev.cairn.migration.Migration;
import dev.cairn.migration.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files joined with the history: one entry per version, with its state. Built in one pass
 * over each list, so every operation stays linear in the number of migrations.
 */
final class Ledger {

    /** One version: its file and its latest history row, either of which may be absent. */
    record Entry(Version version, Optional<Migration> migration, Optional<HistoryRow> row, State state) {
        String script() {
            return migration.map(Migration::script).or(() -> row.map(HistoryRow::script)).orElse("");
        }
    }

    private static final String REPEATABLE = Migration.Kind.REPEATABLE.label();
    /** The version of every repeatable's row, whatever its kind ({@code imported} rows keep it too). */
    private static final String IMPORTED_REPEATABLE = Version.repeatable().text();

    private final List<Entry> entries;
    private final List<HistoryRow> rows;
    private final Optional<Version> newestApplied;
    /** Versions applied at some time (maybe rolled back since), as opposed to never applied. */
    private final Set<Version> appliedBefore = new HashSet<>();

    Ledger(List<Migration> migrations, List<HistoryRow> rows) {
        this.rows = rows;
        Map<Version, HistoryRow> latest = new HashMap<>();
        Map<String, HistoryRow> latestRepeatable = new HashMap<>();
        for (HistoryRow r : rows) {
            if (REPEATABLE.equals(r.kind()) || IMPORTED_REPEATABLE.equals(r.version())) {
                latestRepeatable.put(r.description(), r);
            } else {
                Version v = Version.of(r.version());
                latest.put(v, r);
                if (r.status() == HistoryRow.Status.SUCCESS || r.undone()) {
                    appliedBefore.add(v);
                }
            }
        }
        this.newestApplied = latest.entrySet().stream()
                .filter(e -> e.getValue().status() == HistoryRow.Status.SUCCESS)
                .map(Map.Entry::getKey).max(Comparator.naturalOrder());
        List<Entry> out = new ArrayList<>();
        Map<Version, Migration> files = new HashMap<>();
        List<Entry> repeatables = new ArrayList<>();
        for (Migration m : migrations) {
            if (m.kind() == Migration.Kind.REPEATABLE) {
                HistoryRow r = latestRepeatable.get(m.description());
                repeatables.add(new Entry(m.version(), Optional.of(m), Optional.ofNullable(r), repeatableState(m, r)));
                continue;
            }
            files.put(m.version(), m);
            HistoryRow r = latest.get(m.version());
            out.add(new Entry(m.version(), Optional.of(m), Optional.ofNullable(r), state(m, r)));
        }
        for (Map.Entry<Version, HistoryRow> e : latest.entrySet()) {
            HistoryRow r = e.getValue();
            // A rolled-back migration, or a failed one that changed nothing, is a record once its file is gone.
            if (!files.containsKey(e.getKey()) && r.status() != HistoryRow.Status.ROLLED_BACK && !changedNothing(r)) {
                State s = r.status() == HistoryRow.Status.FAILED ? State.FAILED : State.MISSING;
                out.add(new Entry(e.getKey(), Optional.empty(), Optional.of(r), s));
            }
        }
        out.sort(Comparator.comparing(Entry::version));
        out.addAll(repeatables);
        this.entries = List.copyOf(out);
    }

    /** A repeatable migration runs again whenever its file's checksum differs from the last application. */
    private static State repeatableState(Migration m, HistoryRow r) {
        if (r == null || r.status() == HistoryRow.Status.ROLLED_BACK) {
            return State.PENDING;
        }
        if (r.status() == HistoryRow.Status.FAILED) {
            return State.FAILED;
        }
        return r.checksum().equals(m.checksum()) ? State.APPLIED : State.PENDING;
    }

    private State state(Migration m, HistoryRow r) {
        if (r == null || r.status() == HistoryRow.Status.ROLLED_BACK) {
            return notApplied(m);
        }
        if (r.status() == HistoryRow.Status.FAILED) {
            // A failure that changed nothing is a record: once the file is fixed, the migration is pending.
            return changedNothing(r) && !r.checksum().equals(m.checksum()) ? notApplied(m) : State.FAILED;
        }
        return r.checksum().equals(m.checksum()) ? State.APPLIED : State.MODIFIED;
    }

    /**
     * Pending, or out of order when it lies below the newest applied version and was never applied: a
     * migration that was applied and rolled back on purpose is simply applied again.
     */
    private State notApplied(Migration m) {
        boolean below = newestApplied.filter(n -> m.version().compareTo(n) < 0).isPresent();
        return below && !appliedBefore.contains(m.version()) ? State.OUT_OF_ORDER : State.PENDING;
    }

    /**
     * Whether a FAILED row left the database as it was: it ran in a transaction, or without one and its
     * first statement failed. Such a row blocks nothing.
     */
    static boolean changedNothing(HistoryRow r) {
        return r.status() == HistoryRow.Status.FAILED && (r.transactional() || Failure.nothingCompleted(r.error()));
    }

    List<Entry> entries() {
        return entries;
    }

    List<HistoryRow> rows() {
        return rows;
    }

    Optional<Version> newestApplied() {
        return newestApplied;
    }

    List<Entry> withState(State state) {
        return entries.stream().filter(e -> e.state() == state).toList();
    }

    /** The batch number for the next run. */
    int nextBatch() {
        return rows.stream().mapToInt(HistoryRow::batch).max().orElse(0) + 1;
    }
}
