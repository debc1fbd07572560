package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.dialect.Catalog;
import dev.cairn.history.HistoryRow;
import dev.cairn.migration.Discovery;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reports every migration's state; reads only, takes no lock. */
public final class Status {

    /** How many recent rollbacks to report. */
    static final int RECENT_ROLLBACKS = 5;

    /** How the database's size is found: from the catalog's page counts (fast), or measured on disk. */
    public enum Sizes {
        ESTIMATED, EXACT
    }

    private final Configuration config;
    private final Sizes sizes;

    public Status(Configuration config) {
        this(config, Sizes.ESTIMATED);
    }

    public Status(Configuration config, Sizes sizes) {
        this.config = config;
        this.sizes = sizes;
    }

    public StatusResult run() {
        // The history and the sizes are read while the files are.
        return Discover.opening(config, Discover::all, this::fromDatabase, this::run);
    }

    /** {@link #run()} on a session already open; its owner closes it. */
    StatusResult run(Session db) {
        return Discover.on(db, config, Discover::all, this::fromDatabase, this::run);
    }

    private FromDatabase fromDatabase(Session db) {
        return new FromDatabase(db.rows(), stats(db, sizes));
    }

    private StatusResult run(Session db, Discovery discovery, FromDatabase early) {
        Ledger ledger = new Ledger(discovery.migrations(), early.rows());
        List<StatusResult.Item> items = ledger.entries().stream().map(Status::item).toList();
        Map<State, Integer> counts = new EnumMap<>(State.class);
        for (Ledger.Entry e : ledger.entries()) {
            counts.merge(e.state(), 1, Integer::sum);
        }
        StatusResult.Summary summary = new StatusResult.Summary(items.size(), n(counts, State.APPLIED),
                n(counts, State.PENDING), n(counts, State.FAILED), n(counts, State.MODIFIED),
                n(counts, State.MISSING), n(counts, State.OUT_OF_ORDER));
        List<StatusResult.Rollback> rollbacks = ledger.rows().stream()
                // A FAILED attempt resolved by repair is marked ROLLED_BACK too, but it keeps its error:
                // it was never applied, so it was not rolled back.
                .filter(r -> r.rolledBackAt().isPresent() && r.error().isEmpty())
                .sorted(Comparator.comparing((HistoryRow r) -> r.rolledBackAt().get()).reversed())
                .limit(RECENT_ROLLBACKS)
                .map(r -> new StatusResult.Rollback(r.version(), r.script(), r.batch(), r.rolledBackAt().get()))
                .toList();
        var problems = new java.util.ArrayList<>(discovery.problems());
        problems.addAll(Validate.problems(ledger, config.outOfOrder()));
        return new StatusResult(db.name, db.table.toString(), items, summary, rollbacks,
                discovery.ignored(), problems, early.stats());
    }

    private record FromDatabase(List<HistoryRow> rows, dev.cairn.dialect.DatabaseStats stats) {
    }

    private static dev.cairn.dialect.DatabaseStats stats(Session db, Sizes sizes) {
        try {
            return db.dialect.require(Catalog.class, "status").stats(db.connection, sizes == Sizes.EXACT);
        } catch (java.sql.SQLException e) {
            throw dev.cairn.jdbc.Jdbc.failed("cannot read the database size", e);
        }
    }

    private static StatusResult.Item item(Ledger.Entry e) {
        Optional<HistoryRow> applied = e.row().filter(r -> r.status() != HistoryRow.Status.ROLLED_BACK);
        String description = e.migration().map(m -> m.description())
                .or(() -> e.row().map(HistoryRow::description)).orElse("");
        return new StatusResult.Item(e.version().text(), description, e.script(), e.state(),
                applied.map(HistoryRow::appliedAt), applied.map(HistoryRow::executionMs),
                applied.map(HistoryRow::batch), applied.map(HistoryRow::error).orElse(""),
                applied.map(HistoryRow::computedDown).orElse(false));
    }

    private static int n(Map<State, Integer> counts, State s) {
        return counts.getOrDefault(s, 0);
    }

}
