package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.TableName;
import dev.cairn.dialect.Catalog;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import dev.cairn.history.HistoryRow;
import dev.cairn.history.SeedHistory;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Migration;
import dev.cairn.sql.Keywords;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Empties the managed schemas: drops every object in them that no extension owns, and Cairn's own
 * tables; with {@link Options#migrate()} migrates again. When every migration can run in a
 * transaction, the drop and the migrations are one transaction: a failing migration leaves the
 * database exactly as it was, history included. Schemas named by the user are checked first (they
 * must exist, and not be system or extension schemas): a bad one is exit 2, nothing dropped.
 */
public final class Reset {

    private final Configuration config;
    private final Listener listener;

    public Reset(Configuration config, Listener listener) {
        this.config = config;
        this.listener = listener;
    }

    /**
     * What to reset.
     *
     * @param schemas the schemas to empty; when empty, the current schema, the history table's, the
     *                schemas the migrations create, and every other schema holding a table no
     *                extension owns
     * @param migrate migrate again after dropping (in the same transaction when every migration can)
     */
    public record Options(List<String> schemas, boolean migrate) {
        public Options {
            schemas = List.copyOf(schemas);
        }
    }

    /** What reset dropped, and what it migrated (nothing applied when it did not migrate). */
    public record Result(List<String> schemas, List<String> dropped, MigrateResult migrated) {
        public Result {
            schemas = List.copyOf(schemas);
            dropped = List.copyOf(dropped);
        }
    }

    /**
     * What reset would drop, for the confirmation.
     *
     * @param separately empty text when the drop and the migrations are one transaction; else why not
     *                   (the drop is then committed before the migrations run)
     */
    public record Plan(String database, List<String> schemas, List<String> statements, String separately) {
        public Plan {
            schemas = List.copyOf(schemas);
            statements = List.copyOf(statements);
        }
    }

    /** Drops everything in {@code schemas} (see {@link Options}) once {@code approve} accepts the plan; does not migrate. */
    public Result run(List<String> schemas, Approval<Plan> approve) {
        return run(new Options(schemas, false), approve);
    }

    /** Drops everything in the managed schemas once {@code approve} accepts the plan, then migrates when asked. */
    public Result run(Options options, Approval<Plan> approve) {
        // The files must be good before anything is dropped: reset migrates again right after.
        return Discover.opening(config, Discover::valid, db -> null,
                (db, migrations, early) -> run(db, migrations, options, approve));
    }

    /** {@link #run(Options, Approval)} on a session already open; its owner closes it. */
    Result run(Session db, Options options, Approval<Plan> approve) {
        return run(db, Discover.valid(config), options, approve);
    }

    private Result run(Session db, List<Migration> migrations, Options options, Approval<Plan> approve) {
        try {
            Map<Migration, ScriptPlan> plans = new LinkedHashMap<>();
            for (Migration m : Pending.select(new Ledger(migrations, List.of()), MigrateOptions.defaults())) {
                plans.put(m, ScriptPlan.of(m.up(), m.transaction(), db.dialect, db.serverMajor));
            }
            db.lock(listener);
            String current = db.dialect.require(Catalog.class, "reset").currentSchema(db.connection);
            TableName history = db.table;
            List<String> managed = managed(db, options.schemas(), current, plans);
            // The lock table stays: this run holds its lease row.
            TableName lockTable = history.sibling("_lock");
            String lockSchema = lockTable.schema().orElse(current);
            List<String> drops = new ArrayList<>(db.dialect.require(Catalog.class, "reset").dropStatements(
                    db.connection, managed, List.of(lockSchema + "." + lockTable.name())));
            for (TableName own : List.of(history, new TableName(history.schema(), SeedHistory.NAME))) {
                drops.add("DROP TABLE IF EXISTS " + db.dialect.qualified(own) + " CASCADE");
            }
            // A schema a migration creates without IF NOT EXISTS must be gone for that migration to run again.
            List<String> recreated = new ArrayList<>(CreatedSchemas.strict(plans.values()));
            recreated.retainAll(managed);
            recreated.remove(lockSchema);
            drops.addAll(db.dialect.require(Catalog.class, "reset").dropSchemas(db.connection, recreated));
            String separately = options.migrate() ? separately(plans) : "";
            if (!approve.approve(new Plan(db.name, managed, drops, separately))) {
                throw CairnException.refused("reset.unconfirmed", "reset was not confirmed; nothing was changed");
            }
            if (options.migrate() && separately.isEmpty()) {
                return new Result(managed, drops, new MigrateResult(inOneTransaction(db, drops, plans), 1, db.name));
            }
            drop(db, drops);
            if (!options.migrate()) {
                return new Result(managed, drops, new MigrateResult(List.of(), 0, db.name));
            }
            db.ensureHistory(listener);
            List<Applied> applied = new Migrate(config, listener).applyEach(db, plans, 1);
            return new Result(managed, drops, new MigrateResult(applied, applied.isEmpty() ? 0 : 1, db.name));
        } catch (SQLException e) {
            throw Jdbc.failed("reset could not drop the objects; it was rolled back and nothing was changed", e);
        }
    }

    /**
     * Why the migrations cannot share the drop's transaction, or empty text when they can: one cannot
     * run in a transaction, or one adds an enum value, which PostgreSQL lets no statement of the same
     * transaction use (later migrations may).
     */
    private static String separately(Map<Migration, ScriptPlan> plans) {
        for (Map.Entry<Migration, ScriptPlan> e : plans.entrySet()) {
            String which = "migration " + e.getKey().version() + " (" + e.getKey().script() + ")";
            if (!e.getValue().transactional()) {
                return which + " cannot run in a transaction (" + e.getValue().noTransactionReason() + ")";
            }
            for (var st : e.getValue().statements()) {
                if (Keywords.leading(st.sql(), 2).equals("ALTER TYPE") && Keywords.containsIgnoreCase(st.sql(), "ADD VALUE")) {
                    return which + " adds an enum value (" + e.getKey().up().name() + ":" + st.line() + "), which"
                            + " later migrations could not use inside the same transaction";
                }
            }
        }
        return "";
    }

    /** The schemas to empty: those named, once checked, else the defaults (see {@link Options}). */
    private static List<String> managed(Session db, List<String> named, String current, Map<Migration, ScriptPlan> plans)
            throws SQLException {
        if (!named.isEmpty()) {
            List<String> unique = List.copyOf(new LinkedHashSet<>(named));
            List<String> refusals = db.dialect.require(Catalog.class, "reset").resetRefusals(db.connection, unique);
            if (!refusals.isEmpty()) {
                throw CairnException.usage("reset.schema", "reset: " + String.join("; ", refusals) + ". Nothing was"
                        + " dropped");
            }
            return unique;
        }
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(current);
        candidates.add(db.table.schema().orElse(current));
        candidates.addAll(CreatedSchemas.all(plans.values()));
        return db.dialect.require(Catalog.class, "reset").resetSchemas(db.connection, List.copyOf(candidates));
    }

    /** Drops in one transaction, committed. */
    private static void drop(Session db, List<String> drops) throws SQLException {
        Transaction.run(db.connection, () -> {
            try (Statement s = db.connection.createStatement()) {
                for (String drop : drops) {
                    s.execute(drop);
                }
            }
        });
        db.historyDropped();
    }

    /**
     * The drop, the history table and every migration with its row in one transaction: committed
     * together, or rolled back together, leaving the database as it was. A failing migration records
     * no FAILED row, since the history it would go into is the one the rollback brings back.
     */
    private List<Applied> inOneTransaction(Session db, List<String> drops, Map<Migration, ScriptPlan> plans)
            throws SQLException {
        List<Applied> applied = new ArrayList<>();
        try {
            Transaction.run(db.connection, () -> {
                try (Statement s = db.connection.createStatement()) {
                    for (String drop : drops) {
                        s.execute(drop);
                    }
                }
                db.historyDropped();
                db.ensureHistory(listener);
                for (Map.Entry<Migration, ScriptPlan> e : plans.entrySet()) {
                    applied.add(one(db, e.getKey(), e.getValue()));
                }
            });
        } finally {
            db.resetSession();
        }
        applied.forEach(a -> listener.on(new Event.MigrationApplied(a)));
        return applied;
    }

    private Applied one(Session db, Migration m, ScriptPlan plan) throws SQLException {
        db.verifyLock();
        listener.on(new Event.MigrationStarting(m.version().text(), m.script(), true, ""));
        long start = System.nanoTime();
        try {
            new Runner(db.connection, db.dialect).run(plan.statements(), true);
        } catch (Runner.StatementFailure f) {
            Transaction.rollback(db.connection, f.cause);
            throw failed(m, plan, f, Migrate.elapsed(start));
        }
        Duration took = Migrate.elapsed(start);
        db.history.insert(db.connection, Migrate.row(m, plan, 1, HistoryRow.Status.SUCCESS, took, ""));
        return new Applied(m.version().text(), m.description(), m.script(), took, true, "",
                plan.statements().size(), m.checksum(), 1);
    }

    private static MigrationException failed(Migration m, ScriptPlan plan, Runner.StatementFailure f, Duration took) {
        Failure failure = Failure.of(m.version().text(), m.up().name(), plan, f);
        StringBuilder s = Messages.failedAt("reset: migration " + failure.version(), failure);
        s.append("\n  rolled back: the drop and the migrations were one transaction, so nothing was dropped and the")
                .append(" database is as it was before the reset, its history included")
                .append("\n  next: fix the file and run '" + Next.action("reset") + "' again");
        return new MigrationException(failure, s.toString(), f.cause);
    }
}
