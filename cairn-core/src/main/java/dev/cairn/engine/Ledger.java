package dev.cairn.engine;

import dev.cairn.history.HistoryRow;
import dev.cairn.migration.Migration;
import dev.cairn.migration.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    private final List<Entry> entries;
    private final List<HistoryRow> rows;
    private final Optional<Version> newestApplied;

    Ledger(List<Migration> migrations, List<HistoryRow> rows) {
        this.rows = rows;
        Map<Version, HistoryRow> latest = new HashMap<>();
        Map<String, HistoryRow> latestRepeatable = new HashMap<>();
        for (HistoryRow r : rows) {
            if (REPEATABLE.equals(r.kind())) {
                latestRepeatable.put(r.description(), r);
            } else {
                latest.put(Version.of(r.version()), r);
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
            if (!files.containsKey(e.getKey()) && r.status() != HistoryRow.Status.ROLLED_BACK) {
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
            return newestApplied.filter(n -> m.version().compareTo(n) < 0).isPresent() ? State.OUT_OF_ORDER : State.PENDING;
        }
        if (r.status() == HistoryRow.Status.FAILED) {
            return State.FAILED;
        }
        return r.checksum().equals(m.checksum()) ? State.APPLIED : State.MODIFIED;
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

    /**
     * The entry a user names on the command line: its file name (with or without {@code .sql} or a
     * directory in front, as in {@code 012_chat_system}) or its version ({@code 012}).
     */
    Optional<Entry> find(String reference) {
        String name = bare(reference);
        for (Entry e : entries) {
            if (!e.script().isEmpty() && bare(e.script()).equals(name)) {
                return Optional.of(e);
            }
        }
        Version v;
        try {
            v = Version.of(reference.strip());
        } catch (IllegalArgumentException notAVersion) {
            return Optional.empty();
        }
        return entries.stream().filter(e -> !e.version().isRepeatable() && e.version().equals(v)).findFirst();
    }

    private static String bare(String name) {
        String n = name.strip().replace('\\', '/');
        n = n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
        n = n.substring(n.lastIndexOf('/') + 1);
        for (String suffix : new String[] {".sql", ".up"}) {
            if (n.endsWith(suffix)) {
                n = n.substring(0, n.length() - suffix.length());
            }
        }
        return n;
    }

    /** The batch number for the next run. */
    int nextBatch() {
        return rows.stream().mapToInt(HistoryRow::batch).max().orElse(0) + 1;
    }
}
