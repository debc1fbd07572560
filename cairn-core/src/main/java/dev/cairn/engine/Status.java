package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.dialect.DatabaseStats;
import dev.cairn.dialect.Dialect;
import dev.cairn.history.HistoryRow;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Background;
import dev.cairn.migration.Discovery;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reports every migration's state; reads only, takes no lock. */
public final class Status {

    /** How many recent rollbacks to report. */
    static final int RECENT_ROLLBACKS = 5;

    private final Configuration config;

    public Status(Configuration config) {
        this.config = config;
    }

    public StatusResult run() {
        // The history and the sizes are read while the files are.
        Discover.Opened<Discovery, FromDatabase> opened = Discover.whileOpening(config, Discover::all, this::read);
        Discovery discovery = opened.files();
        try (Database db = opened.db()) {
            Ledger ledger = new Ledger(discovery.migrations(), opened.early().rows());
            List<StatusResult.Item> items = ledger.entries().stream().map(Status::item).toList();
            Map<State, Integer> counts = new EnumMap<>(State.class);
            for (Ledger.Entry e : ledger.entries()) {
                counts.merge(e.state(), 1, Integer::sum);
            }
            StatusResult.Summary summary = new StatusResult.Summary(items.size(), n(counts, State.APPLIED),
                    n(counts, State.PENDING), n(counts, State.FAILED), n(counts, State.MODIFIED),
                    n(counts, State.MISSING), n(counts, State.OUT_OF_ORDER));
            List<StatusResult.Rollback> rollbacks = ledger.rows().stream()
                    .filter(r -> r.rolledBackAt().isPresent())
                    .sorted(Comparator.comparing((HistoryRow r) -> r.rolledBackAt().get()).reversed())
                    .limit(RECENT_ROLLBACKS)
                    .map(r -> new StatusResult.Rollback(r.version(), r.script(), r.batch(), r.rolledBackAt().get()))
                    .toList();
            var problems = new java.util.ArrayList<>(discovery.problems());
            problems.addAll(Validate.problems(ledger, config.outOfOrder()));
            return new StatusResult(db.name, db.table.toString(), items, summary, rollbacks,
                    discovery.ignored(), problems, opened.early().stats());
        }
    }

    private record FromDatabase(List<HistoryRow> rows, DatabaseStats stats) {
    }

    /**
     * The history and the sizes. Sizing the database {@code stat()}s every relation file on the
     * server (~12 ms at 1,000 tables, ~100 ms at 10,000), so on a connection Cairn opened itself the
     * sizes are read on a second connection at the same time as the history; a connection lent by
     * the application's pool reads both in turn, as a pool of one must still work.
     */
    private FromDatabase read(Database db) {
        if (config.connection().lent()) {
            return new FromDatabase(db.rows(), stats(db.dialect, db.connection));
        }
        Background<DatabaseStats> sizes = Background.start("cairn-sizes", () -> {
            try (Connection c = config.connection().open()) {
                return stats(db.dialect, c);
            } catch (SQLException e) {
                throw Jdbc.failed("cannot read the database size", e);
            }
        });
        List<HistoryRow> rows;
        try {
            rows = db.rows();
        } catch (RuntimeException e) {
            try {
                sizes.join();
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        return new FromDatabase(rows, sizes.join());
    }

    private static DatabaseStats stats(Dialect dialect, Connection c) {
        try {
            return dialect.stats(c);
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read the database size", e);
        }
    }

    private static StatusResult.Item item(Ledger.Entry e) {
        Optional<HistoryRow> applied = e.row().filter(r -> r.status() != HistoryRow.Status.ROLLED_BACK);
        String description = e.migration().map(m -> m.description())
                .or(() -> e.row().map(HistoryRow::description)).orElse("");
        return new StatusResult.Item(e.version().text(), description, e.script(), e.state(),
                applied.map(HistoryRow::appliedAt), applied.map(HistoryRow::executionMs),
                applied.map(HistoryRow::batch), applied.map(HistoryRow::error).orElse(""));
    }

    private static int n(Map<State, Integer> counts, State s) {
        return counts.getOrDefault(s, 0);
    }

}
