package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.error.CairnException;
import dev.cairn.history.HistoryRow;
import dev.cairn.history.NewRow;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Migration;
import dev.cairn.migration.Version;
import java.sql.SQLException;
import java.util.List;

/**
 * Adopts an existing database: every migration up to a version is recorded as applied (kind
 * {@code baseline}) without running it. Only on a database whose history has nothing applied yet.
 */
public final class Baseline {

    /** The kind stored for baselined rows. */
    public static final String KIND = "baseline";

    private final Configuration config;
    private final Listener listener;

    public Baseline(Configuration config, Listener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** The migrations recorded as applied. */
    public record Result(List<String> versions, int batch) {
        public Result {
            versions = List.copyOf(versions);
        }
    }

    public Result run(Version upTo) {
        List<Migration> migrations = Discover.valid(config);
        List<Migration> chosen = chosen(migrations, upTo);
        try (Session db = Session.open(config)) {
            return run(db, migrations, chosen);
        }
    }

    /** {@link #run(Version)} on a session already open; its owner closes it. */
    Result run(Session db, Version upTo) {
        List<Migration> migrations = Discover.valid(config);
        return run(db, migrations, chosen(migrations, upTo));
    }

    private static List<Migration> chosen(List<Migration> migrations, Version upTo) {
        List<Migration> chosen = migrations.stream()
                .filter(m -> m.kind() == Migration.Kind.VERSIONED && m.version().compareTo(upTo) <= 0).toList();
        if (chosen.isEmpty()) {
            throw CairnException.usage("baseline.none", "no migration has a version at or below " + upTo
                    + "; give the version of the last migration the database already has");
        }
        return chosen;
    }

    private Result run(Session db, List<Migration> migrations, List<Migration> chosen) {
        try {
            db.lock(listener);
            db.ensureHistory(listener);
            List<HistoryRow> rows = db.rows();
            if (rows.stream().anyMatch(r -> r.status() == HistoryRow.Status.SUCCESS)) {
                throw CairnException.validation("baseline.applied", "the history table " + db.table
                        + " already records applied migrations; baseline only adopts a database Cairn has not"
                        + " migrated yet. Nothing was changed");
            }
            int batch = new Ledger(migrations, rows).nextBatch();
            Transaction.run(db.connection, () -> {
                for (Migration m : chosen) {
                    db.history.insert(db.connection, new NewRow(m.version().text(), m.description(), m.script(), KIND,
                            m.checksum(), m.up().text(), m.down().map(d -> d.text()), batch,
                            HistoryRow.Status.SUCCESS, true, 0, ""));
                }
            });
            return new Result(chosen.stream().map(m -> m.version().text()).toList(), batch);
        } catch (SQLException e) {
            throw Jdbc.failed("baseline could not write the history; nothing was changed", e);
        }
    }
}
