package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.TableName;
import dev.cairn.error.CairnException;
import dev.cairn.history.SeedHistory;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Migration;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Empties the managed schemas: drops every object in them that no extension owns, and Cairn's own
 * tables, in one transaction. The caller migrates (and seeds) again afterwards.
 */
public final class Reset {

    private final Configuration config;
    private final Listener listener;

    public Reset(Configuration config, Listener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** What reset dropped. */
    public record Result(List<String> schemas, List<String> dropped) {
        public Result {
            schemas = List.copyOf(schemas);
            dropped = List.copyOf(dropped);
        }
    }

    /** What reset would drop, for the confirmation. */
    public record Plan(String database, List<String> schemas, List<String> statements) {
        public Plan {
            schemas = List.copyOf(schemas);
            statements = List.copyOf(statements);
        }
    }

    /**
     * Drops everything in {@code schemas} (the connection's current schema when empty) once
     * {@code approve} accepts the plan.
     */
    public Result run(List<String> schemas, Predicate<Plan> approve) {
        // The files must be good before anything is dropped: reset migrates again right after.
        Discover.Opened<List<Migration>, Void> opened = Discover.whileOpening(config, Discover::valid);
        List<Migration> migrations = opened.files();
        try (Database db = opened.db()) {
            for (Migration m : migrations) {
                ScriptPlan.of(m.up(), m.transaction(), db.dialect, db.serverMajor);
            }
            db.lock(listener);
            List<String> managed = schemas.isEmpty() ? List.of(db.dialect.currentSchema(db.connection)) : schemas;
            TableName history = db.table;
            // The lock table stays: this run holds its lease row.
            TableName lockTable = history.sibling("_lock");
            String lockSchema = lockTable.schema().orElse(db.dialect.currentSchema(db.connection));
            List<String> drops = new ArrayList<>(db.dialect.dropStatements(db.connection, managed,
                    List.of(lockSchema + "." + lockTable.name())));
            for (TableName own : List.of(history, new TableName(history.schema(), SeedHistory.NAME))) {
                drops.add("DROP TABLE IF EXISTS " + db.dialect.qualified(own) + " CASCADE");
            }
            if (!approve.test(new Plan(db.name, managed, drops))) {
                throw CairnException.refused("reset.unconfirmed", "reset was not confirmed; nothing was changed");
            }
            db.connection.setAutoCommit(false);
            try (Statement s = db.connection.createStatement()) {
                for (String drop : drops) {
                    s.execute(drop);
                }
                db.connection.commit();
            } catch (SQLException e) {
                db.connection.rollback();
                throw e;
            }
            return new Result(managed, drops);
        } catch (SQLException e) {
            throw Jdbc.failed("reset could not drop the objects; it was rolled back and nothing was changed", e);
        }
    }
}
