package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.TableName;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import dev.cairn.history.HistoryRow;
import dev.cairn.history.NewRow;
import dev.cairn.history.foreign.Claim;
import dev.cairn.history.foreign.Reading;
import dev.cairn.history.foreign.Sums;
import dev.cairn.history.foreign.Tables;
import dev.cairn.history.foreign.Tool;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Migration;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes over another tool's history table: reads what it records as applied and writes the
 * matching history rows (kind {@code imported}), so that nothing is pending and nothing runs
 * again. The other tool's table is only read, never changed, so the user can switch back. Refused
 * as a whole, writing nothing, when the other tool recorded a failure, when a recorded migration
 * has no file, when a file does not match a checksum the other tool stored, or when Cairn's history
 * already has rows. All rows are written in one transaction under the migration lock.
 */
public final class Import {

    /** The kind stored for imported rows; status and rollback treat them as applied. */
    public static final String KIND = "imported";

    private final Configuration config;
    private final Listener listener;

    public Import(Configuration config, Listener listener) {
        this.config = config;
        this.listener = listener;
    }

    /**
     * What to import.
     *
     * @param from            the tool ({@link Tool#parse} reads {@code --from}); detected from the tables present
     *                        when empty
     * @param table           the other tool's table, when not its default
     * @param dryRun          read and check, write nothing
     * @param acceptChecksums take today's files as applied even where they differ from the stored checksums
     */
    public record Request(Optional<Tool> from, Optional<TableName> table, boolean dryRun, boolean acceptChecksums) {
    }

    /** One migration recorded as applied, with the other tool's time when it recorded one. */
    public record Imported(String version, String script, Optional<Instant> appliedAt, int batch) {
    }

    /**
     * What was imported (or, on a dry run or when refused, would be).
     *
     * @param skipped  migrations left pending on purpose, with why (a changed Flyway repeatable)
     * @param problems why the import was refused, one line each naming the version; nothing was
     *                 written when this is not empty
     */
    public record Result(String from, String table, List<Imported> imported, List<String> skipped,
                         List<String> problems, boolean dryRun) {
        public Result {
            imported = List.copyOf(imported);
            skipped = List.copyOf(skipped);
            problems = List.copyOf(problems);
        }

        /** Why nothing was imported, with what to do next worded neutrally. */
        @Override
        public List<String> problems() {
            return problems(dev.cairn.error.Host.NEUTRAL);
        }

        /** Why nothing was imported, with what to do next worded by {@code host}. */
        public List<String> problems(dev.cairn.error.Host host) {
            return problems.stream().map(host::render).toList();
        }

        /** Whether rows were written. */
        public boolean written() {
            return problems.isEmpty() && !dryRun && !imported.isEmpty();
        }
    }

    private record Row(Migration migration, Claim claim) {
    }

    public Result run(Request request) {
        return Discover.opening(config, Discover::valid, db -> null,
                (db, migrations, early) -> run(db, migrations, request));
    }

    /** {@link #run(Request)} on a session already open; its owner closes it. */
    Result run(Session db, Request request) {
        return run(db, Discover.valid(config), request);
    }

    private Result run(Session db, List<Migration> migrations, Request request) {
        try {
            db.lock(listener);
            Tables.Chosen chosen = Tables.choose(db.connection, db.dialect,
                    new Tables.Request(request.from(), request.table(), db.table, config.locations()));
            Tool tool = chosen.tool();
            String other = chosen.source().table().toString();
            if (!db.rows().isEmpty()) {
                throw CairnException.validation("import.adopted", "already adopted: the history table " + db.table
                        + " already has rows, so Cairn already manages this database; import only takes over a"
                        + " database Cairn has never migrated. Nothing was changed");
            }
            Plan plan = plan(tool, tool.read(chosen.source()), migrations, request.acceptChecksums());
            List<Imported> imported = plan.rows().stream().map(r -> new Imported(r.migration().version().text(),
                    r.migration().script(), r.claim().appliedAt(), batch(r))).toList();
            Result result = new Result(tool.id(), other, imported, plan.skipped(), plan.problems(), request.dryRun());
            if (result.written()) {
                write(db, plan.rows());
            }
            return result;
        } catch (SQLException e) {
            throw Jdbc.failed("import could not read the other tool's history table; nothing was changed", e);
        }
    }

    /** The rows to write, in version order, and what stops or narrows the import. */
    private record Plan(List<Row> rows, List<String> skipped, List<String> problems) {
    }

    private Plan plan(Tool tool, Reading reading, List<Migration> migrations, boolean acceptChecksums) {
        List<String> problems = new ArrayList<>(reading.problems());
        List<String> skipped = new ArrayList<>();
        Map<Migration, Row> rows = new LinkedHashMap<>();
        for (Claim claim : reading.claims()) {
            List<Migration> files = files(claim.files(), migrations);
            if (files.isEmpty() && !(claim.files() instanceof Claim.UpTo u && !u.fileRequired())) {
                problems.add(claim.label() + ": " + tool + " recorded it as applied, but no migration file has it"
                        + " (in " + locations() + "); restore the file, then import again");
            }
            for (Migration m : files) {
                rows.remove(m);
                Optional<Claim.Sum> sum = claim.checksum().filter(x -> !acceptChecksums);
                if (sum.isEmpty() || Sums.matches(sum.get(), m)) {
                    rows.put(m, new Row(m, claim));
                } else if (claim.rerunsWhenChanged()) {
                    skipped.add(m.script() + ": changed since " + tool + " applied it; left pending, so the next"
                            + " migrate runs it, as " + tool + " would");
                } else {
                    problems.add(claim.label() + ": " + (claim.label().equals(m.script()) ? "the file" : m.script())
                            + " does not match the checksum " + tool + " stored (" + Sums.describe(sum.get())
                            + "): the file was edited after it was applied; restore it, or run import"
                            + " " + Next.setting("accept-checksums") + " to take today's file as applied");
                }
            }
        }
        List<Row> ordered = rows.values().stream().sorted(Comparator.comparing((Row r) -> r.migration().version())
                .thenComparing(r -> r.migration().script())).toList();
        return new Plan(ordered, skipped, problems);
    }

    private static int batch(Row r) {
        return r.claim().batch().orElse(1);
    }

    private void write(Session db, List<Row> rows) throws SQLException {
        db.ensureHistory(listener);
        try {
            Transaction.run(db.connection, () -> {
                for (Row r : rows) {
                    Migration m = r.migration();
                    String down = !r.claim().downSql().isBlank() ? r.claim().downSql()
                            : m.down().map(d -> d.text()).orElse("");
                    db.history.insertImported(db.connection, new NewRow(m.version().text(), m.description(),
                            m.script(), KIND, m.checksum(), m.up().text(), down, batch(r), HistoryRow.Status.SUCCESS,
                            true, 0, ""), r.claim().appliedAt());
                }
            });
        } catch (SQLException e) {
            throw Jdbc.failed("import could not write the history; nothing was changed", e);
        }
    }

    private String locations() {
        return String.join(", ", config.locations().stream().map(Object::toString).toList());
    }

    /** The migration files a claim stands for; empty when they are missing. */
    private static List<Migration> files(Claim.Files files, List<Migration> migrations) {
        if (files instanceof Claim.ByVersion v) {
            return migrations.stream().filter(m -> m.kind() == Migration.Kind.VERSIONED
                    && m.version().equals(v.version())).toList();
        }
        if (files instanceof Claim.ByScript s) {
            return migrations.stream().filter(m -> m.kind() == Migration.Kind.VERSIONED && named(m, s.script()))
                    .limit(1).toList();
        }
        if (files instanceof Claim.UpTo u) {
            List<Migration> upTo = migrations.stream().filter(m -> m.kind() == Migration.Kind.VERSIONED
                    && m.version().compareTo(u.version()) <= 0).toList();
            boolean exact = upTo.stream().anyMatch(m -> m.version().equals(u.version()));
            return u.fileRequired() && !exact ? List.of() : upTo;
        }
        Claim.Repeatable r = (Claim.Repeatable) files;
        List<Migration> repeatables = migrations.stream().filter(m -> m.kind() == Migration.Kind.REPEATABLE).toList();
        List<Migration> byScript = repeatables.stream().filter(m -> named(m, r.script())).limit(1).toList();
        return !byScript.isEmpty() ? byScript
                : repeatables.stream().filter(m -> m.description().equals(r.description())).limit(1).toList();
    }

    /** Whether the migration's script, or its file name, is {@code name} (with or without {@code .sql}). */
    private static boolean named(Migration m, String name) {
        String script = m.script();
        String file = script.substring(script.lastIndexOf('/') + 1);
        return script.equals(name) || file.equals(name) || script.equals(name + ".sql") || file.equals(name + ".sql");
    }
}
