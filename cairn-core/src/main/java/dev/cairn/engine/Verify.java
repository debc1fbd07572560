package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.config.TableName;
import dev.cairn.dialect.Catalog;
import dev.cairn.dialect.Dialect;
import dev.cairn.history.History;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Migration;
import dev.cairn.schema.SchemaDiff;
import dev.cairn.schema.SchemaModel;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Round-trips every migration file on a scratch database, in order: schema before, up, schema
 * after, down, compare with before, up again, compare with after ({@link Mode#EACH}); or all ups,
 * all downs newest first, all ups again ({@link Mode#ALL}). With {@code pending}, only the pending
 * migrations, on top of the applied ones replayed as recorded (as {@code drift} does). The target
 * database is only read; the scratch database is always dropped.
 */
public final class Verify {

    /** How the migrations are run: each round-tripped on its own, or all ups, all downs, all ups. */
    public enum Mode {
        EACH, ALL
    }

    private final Configuration config;
    private final DatabaseUrl scratchServer;
    private final String applicationName;
    private final boolean pending;
    private final Mode mode;
    /** With {@code pending}: the applied migrations' recorded ups, replayed first on every scratch database. */
    private List<History.AppliedScript> applied = List.of();

    public Verify(Configuration config, DatabaseUrl scratchServer, String applicationName) {
        this(config, scratchServer, applicationName, false, Mode.EACH);
    }

    public Verify(Configuration config, DatabaseUrl scratchServer, String applicationName, boolean pending,
                  Mode mode) {
        this.config = config;
        this.scratchServer = scratchServer;
        this.applicationName = applicationName;
        this.pending = pending;
        this.mode = mode;
    }

    public VerifyResult run() {
        List<Migration> migrations = pending ? readPending() : Discover.valid(config);
        Set<String> cairnTables = Snapshot.cairnTables(config.table().schema().isPresent() ? config.table()
                : new TableName(Optional.of("public"), config.table().name()));
        List<VerifyResult.Item> items = new ArrayList<>();
        Scratch scratch = new Scratch();
        try {
            if (mode == Mode.ALL) {
                items.addAll(all(scratch, cairnTables, migrations));
                return new VerifyResult(items.stream().noneMatch(i -> i.outcome().failed()), items);
            }
            boolean stopped = false;
            for (int i = 0; i < migrations.size(); i++) {
                Migration m = migrations.get(i);
                if (stopped) {
                    items.add(item(m, VerifyResult.Outcome.NOT_RUN, "", List.of()));
                    continue;
                }
                Trip trip = roundTrip(scratch, cairnTables, m);
                items.add(trip.item());
                if (trip.item().outcome() == VerifyResult.Outcome.UP_FAILED && !trip.rebuild()) {
                    stopped = true;
                } else if (trip.rebuild()) {
                    // The down left the scratch database in a state no later migration expects: start again
                    // from an empty one with the ups so far, so the next migrations are verified on their own.
                    stopped = !scratch.rebuild(migrations.subList(0, i + 1));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failed("cannot verify on the scratch database", e);
        } finally {
            scratch.close();
        }
        return new VerifyResult(items.stream().noneMatch(i -> i.outcome().failed()), items);
    }

    /** One round trip's item, and whether the scratch database must be built again before the next one. */
    private record Trip(VerifyResult.Item item, boolean rebuild) {
    }

    /** The current scratch database, opened on first use, and what is known of its schema. */
    private final class Scratch {
        ScratchSession db;
        Dialect dialect;
        /**
         * The model of the scratch database as it stands, when the last round trip ended with a read of
         * it: the next migration's "before", so a clean run reads three models per migration, not four.
         */
        SchemaModel known;

        Connection open() throws SQLException {
            if (db == null) {
                db = ScratchSession.replayed(scratchServer, applicationName, applied);
                dialect = db.dialect;
            }
            return db.connection;
        }

        boolean rebuild(List<Migration> ups) throws SQLException {
            close();
            open();
            try {
                for (Migration m : ups) {
                    db.run(m, m.up());
                }
                return true;
            } catch (ScratchScript.Failed e) {
                return false;
            }
        }

        void close() {
            known = null;
            if (db != null) {
                ScratchSession d = db;
                db = null;
                d.close();
            }
        }
    }

    /** The pending migrations (as {@code migrate} would run them), and the applied ones' recorded ups. */
    private List<Migration> readPending() {
        List<Migration> files = Discover.valid(config);
        try (Session db = Session.open(config)) {
            applied = db.history.exists(db.connection) ? db.history.appliedScripts(db.connection) : List.of();
            return Pending.select(new Ledger(files, db.rows()), MigrateOptions.defaults());
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read the history", e);
        }
    }

    /**
     * All ups in order, all downs newest first, all ups again. The downs go back as far as they can:
     * to the newest migration without a down. The schema after the downs must be the one before the
     * first up they undo, and after the second ups the one after the first; when not, the first step
     * (newest down first, then oldest up) whose schema differs from the one at that point of the first
     * ups is named with its differences. A script that fails stops the run there.
     */
    private List<VerifyResult.Item> all(Scratch scratch, Set<String> excluded, List<Migration> ms)
            throws SQLException {
        Connection c = scratch.open();
        int n = ms.size();
        int base = -1;
        for (int i = 0; i < n; i++) {
            if (!hasDown(ms.get(i))) {
                base = i;
            }
        }
        // models[i]: the schema before up i (i > base); models[n]: after the last up.
        SchemaModel[] models = new SchemaModel[n + 1];
        for (int i = 0; i < n; i++) {
            if (i > base) {
                models[i] = scratch.dialect.require(Catalog.class, "verify").schema(c, excluded);
            }
            try {
                scratch.db.run(ms.get(i), ms.get(i).up());
            } catch (ScratchScript.Failed e) {
                return stopped(ms, base, i, VerifyResult.Outcome.UP_FAILED, e.getMessage(), List.of());
            }
        }
        models[n] = scratch.dialect.require(Catalog.class, "verify").schema(c, excluded);
        SchemaModel[] downs = new SchemaModel[n];
        for (int i = n - 1; i > base; i--) {
            try {
                scratch.db.run(ms.get(i), ms.get(i).down().get());
            } catch (ScratchScript.Failed e) {
                return stopped(ms, base, i, VerifyResult.Outcome.DOWN_FAILED, e.getMessage(), List.of());
            }
            downs[i] = scratch.dialect.require(Catalog.class, "verify").schema(c, excluded);
        }
        if (base + 1 < n && !SchemaDiff.between(models[base + 1], downs[base + 1]).isEmpty()) {
            for (int i = n - 1; i > base; i--) {
                List<SchemaDiff.Difference> left = SchemaDiff.between(models[i], downs[i]);
                if (!left.isEmpty()) {
                    return stopped(ms, base, i, VerifyResult.Outcome.DOWN_LEAVES_CHANGES, "", left);
                }
            }
        }
        SchemaModel[] again = new SchemaModel[n];
        for (int i = base + 1; i < n; i++) {
            try {
                scratch.db.run(ms.get(i), ms.get(i).up());
            } catch (ScratchScript.Failed e) {
                return stopped(ms, base, i, VerifyResult.Outcome.UP_FAILED, "after the downs: " + e.getMessage(),
                        List.of());
            }
            again[i] = scratch.dialect.require(Catalog.class, "verify").schema(c, excluded);
        }
        if (base + 1 < n && !SchemaDiff.between(models[n], again[n - 1]).isEmpty()) {
            for (int i = base + 1; i < n; i++) {
                List<SchemaDiff.Difference> differs = SchemaDiff.between(models[i + 1], again[i]);
                if (!differs.isEmpty()) {
                    return stopped(ms, base, i, VerifyResult.Outcome.REAPPLY_DIFFERS, "", differs);
                }
            }
        }
        return stopped(ms, base, -1, VerifyResult.Outcome.OK, "", List.of());
    }

    /**
     * The items of a {@link Mode#ALL} run that stopped at migration {@code at} (-1: passed): that one
     * failed; the others passed when the run did, else were not run through; those at or below
     * {@code base} had only their up run.
     */
    private static List<VerifyResult.Item> stopped(List<Migration> ms, int base, int at, VerifyResult.Outcome outcome,
                                                   String message, List<SchemaDiff.Difference> differences) {
        List<VerifyResult.Item> out = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            Migration m = ms.get(i);
            if (i == at) {
                out.add(item(m, outcome, message, differences));
            } else if (i <= base && (at < 0 || i < at)) {
                out.add(m.kind() == Migration.Kind.REPEATABLE ? item(m, VerifyResult.Outcome.REPEATABLE, "", List.of())
                        : hasDown(m) ? item(m, VerifyResult.Outcome.NO_DOWN, "its down is not run: "
                        + ms.get(base).script() + " has none", List.of())
                        : item(m, VerifyResult.Outcome.NO_DOWN, "", List.of()));
            } else {
                out.add(item(m, at < 0 ? VerifyResult.Outcome.OK : VerifyResult.Outcome.NOT_RUN, "", List.of()));
            }
        }
        return out;
    }

    private static boolean hasDown(Migration m) {
        return m.kind() != Migration.Kind.REPEATABLE && m.down().filter(d -> !d.text().isBlank()).isPresent();
    }

    private Trip roundTrip(Scratch scratch, Set<String> excluded, Migration m) throws SQLException {
        Connection c = scratch.open();
        Dialect dialect = scratch.dialect;
        // The schema before the up is needed only to compare a down with; without one, only the up runs.
        SchemaModel before = !hasDown(m) ? null : scratch.known != null ? scratch.known
                : dialect.require(Catalog.class, "verify").schema(c, excluded);
        scratch.known = null;
        try {
            scratch.db.run(m, m.up());
        } catch (ScratchScript.Failed e) {
            return new Trip(item(m, VerifyResult.Outcome.UP_FAILED, e.getMessage(), List.of()), false);
        }
        if (m.kind() == Migration.Kind.REPEATABLE) {
            return new Trip(item(m, VerifyResult.Outcome.REPEATABLE, "", List.of()), false);
        }
        if (before == null) {
            return new Trip(item(m, VerifyResult.Outcome.NO_DOWN, "", List.of()), false);
        }
        SchemaModel after = dialect.require(Catalog.class, "verify").schema(c, excluded);
        try {
            scratch.db.run(m, m.down().get());
        } catch (ScratchScript.Failed e) {
            return new Trip(item(m, VerifyResult.Outcome.DOWN_FAILED, e.getMessage(), List.of()), true);
        }
        List<SchemaDiff.Difference> left = SchemaDiff.between(before,
                dialect.require(Catalog.class, "verify").schema(c, excluded));
        if (!left.isEmpty()) {
            return new Trip(item(m, VerifyResult.Outcome.DOWN_LEAVES_CHANGES, "", left), true);
        }
        try {
            scratch.db.run(m, m.up());
        } catch (ScratchScript.Failed e) {
            return new Trip(item(m, VerifyResult.Outcome.UP_FAILED, "after the down: " + e.getMessage(), List.of()),
                    false);
        }
        SchemaModel reapplied = dialect.require(Catalog.class, "verify").schema(c, excluded);
        List<SchemaDiff.Difference> again = SchemaDiff.between(after, reapplied);
        scratch.known = reapplied;
        return again.isEmpty() ? new Trip(item(m, VerifyResult.Outcome.OK, "", List.of()), false)
                : new Trip(item(m, VerifyResult.Outcome.REAPPLY_DIFFERS, "", again), true);
    }

    private static VerifyResult.Item item(Migration m, VerifyResult.Outcome outcome, String message,
                                          List<SchemaDiff.Difference> differences) {
        return new VerifyResult.Item(m.version().text(), m.script(), outcome, message, differences);
    }
}
