package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.config.TableName;
import dev.cairn.dialect.Dialect;
import dev.cairn.dialect.DialectFactory;
import dev.cairn.dialect.postgres.PgScratch;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Migration;
import dev.cairn.schema.SchemaDiff;
import dev.cairn.schema.SchemaModel;
import dev.cairn.sql.SqlSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Round-trips every migration file on a scratch database, in order: schema before, up, schema
 * after, down, compare with before, up again, compare with after. The target database is never
 * touched; the scratch database is always dropped.
 */
public final class Verify {

    private final Configuration config;
    private final DatabaseUrl scratchServer;
    private final String applicationName;

    public Verify(Configuration config, DatabaseUrl scratchServer, String applicationName) {
        this.config = config;
        this.scratchServer = scratchServer;
        this.applicationName = applicationName;
    }

    public VerifyResult run() {
        List<Migration> migrations = Discover.valid(config);
        Set<String> cairnTables = Snapshot.cairnTables(config.table().schema().isPresent() ? config.table()
                : new TableName(Optional.of("public"), config.table().name()));
        List<VerifyResult.Item> items = new ArrayList<>();
        Scratch scratch = new Scratch();
        try {
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

    /** The current scratch database and its connection. */
    private final class Scratch {
        PgScratch db;
        Connection c;
        Dialect dialect;
        int major;

        Connection open() throws SQLException {
            if (c == null) {
                db = PgScratch.create(scratchServer, applicationName);
                c = db.connection().open();
                c.setAutoCommit(true);
                dialect = DialectFactory.of(c);
                major = c.getMetaData().getDatabaseMajorVersion();
            }
            return c;
        }

        boolean rebuild(List<Migration> ups) throws SQLException {
            close();
            open();
            try {
                for (Migration m : ups) {
                    Verify.run(c, dialect, major, m, m.up());
                }
                return true;
            } catch (ScratchScript.Failed e) {
                return false;
            }
        }

        void close() {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (SQLException ignored) {
                // The database is dropped next, which ends the session anyway.
            } finally {
                c = null;
                if (db != null) {
                    PgScratch d = db;
                    db = null;
                    d.close();
                }
            }
        }
    }

    private Trip roundTrip(Scratch scratch, Set<String> excluded, Migration m) throws SQLException {
        Connection c = scratch.open();
        Dialect dialect = scratch.dialect;
        int major = scratch.major;
        SchemaModel before = dialect.schema(c, excluded);
        try {
            run(c, dialect, major, m, m.up());
        } catch (ScratchScript.Failed e) {
            return new Trip(item(m, VerifyResult.Outcome.UP_FAILED, e.getMessage(), List.of()), false);
        }
        if (m.kind() == Migration.Kind.REPEATABLE) {
            return new Trip(item(m, VerifyResult.Outcome.REPEATABLE, "", List.of()), false);
        }
        if (m.down().filter(d -> !d.text().isBlank()).isEmpty()) {
            return new Trip(item(m, VerifyResult.Outcome.NO_DOWN, "", List.of()), false);
        }
        SchemaModel after = dialect.schema(c, excluded);
        try {
            run(c, dialect, major, m, m.down().get());
        } catch (ScratchScript.Failed e) {
            return new Trip(item(m, VerifyResult.Outcome.DOWN_FAILED, e.getMessage(), List.of()), true);
        }
        List<SchemaDiff.Difference> left = SchemaDiff.between(before, dialect.schema(c, excluded));
        if (!left.isEmpty()) {
            return new Trip(item(m, VerifyResult.Outcome.DOWN_LEAVES_CHANGES, "", left), true);
        }
        try {
            run(c, dialect, major, m, m.up());
        } catch (ScratchScript.Failed e) {
            return new Trip(item(m, VerifyResult.Outcome.UP_FAILED, "after the down: " + e.getMessage(), List.of()),
                    false);
        }
        List<SchemaDiff.Difference> again = SchemaDiff.between(after, dialect.schema(c, excluded));
        return again.isEmpty() ? new Trip(item(m, VerifyResult.Outcome.OK, "", List.of()), false)
                : new Trip(item(m, VerifyResult.Outcome.REAPPLY_DIFFERS, "", again), true);
    }

    private static void run(Connection c, Dialect dialect, int major, Migration m, SqlSource source)
            throws ScratchScript.Failed {
        ScriptPlan plan = ScriptPlan.of(source, m.transaction(), dialect, major);
        ScratchScript.run(c, dialect, source.name(), plan.statements(), plan.transactional());
    }

    private static VerifyResult.Item item(Migration m, VerifyResult.Outcome outcome, String message,
                                          List<SchemaDiff.Difference> differences) {
        return new VerifyResult.Item(m.version().text(), m.script(), outcome, message, differences);
    }
}
