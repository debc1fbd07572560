package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.error.CairnException;
import dev.cairn.history.SeedHistory;
import dev.cairn.jdbc.DatabaseError;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Checksum;
import dev.cairn.migration.Migration;
import dev.cairn.migration.MigrationFile;
import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import dev.cairn.sql.TransactionControl;
import dev.cairn.sql.SqlStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads seed data: {@code seeds/*.sql}, then {@code seeds/<env>/*.sql}, by name, each in a
 * transaction together with its row in {@code cairn_seed_history}. A seed runs again only when its
 * checksum changed, or when asked to re-run.
 */
public final class Seed {

    private final Configuration config;
    private final Listener listener;

    public Seed(Configuration config, Listener listener) {
        this.config = config;
        this.listener = listener;
    }

    /**
     * What to seed.
     *
     * @param environment the environment whose sub-folder follows the shared seeds; empty text for none
     * @param rerun       run every seed, changed or not
     */
    public record Options(Path directory, String environment, boolean rerun) {
        public Options {
            if (!environment.isEmpty()) {
                dev.cairn.config.EnvironmentName.check(environment, "the seed options");
            }
        }
    }

    /**
     * The seeds run and the seeds skipped as unchanged, by name, and the leading comment block of each
     * seed that ran and has one (so a seed can tell which test users it created), by name.
     */
    public record Result(List<String> applied, List<String> unchanged, Map<String, String> notes) {
        public Result {
            applied = List.copyOf(applied);
            unchanged = List.copyOf(unchanged);
            notes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notes));
        }

        public Result(List<String> applied, List<String> unchanged) {
            this(applied, unchanged, Map.of());
        }
    }

    /**
     * The comment lines a script starts with, without their {@code --} (blank lines before them are
     * skipped; a blank comment line is kept as an empty line); empty text when it starts with SQL.
     * Directives ({@code -- cairn:…}, {@code -- migrate:…}, {@code -- +goose …}) are left out.
     */
    static String leadingComment(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.strip().lines().toList()) {
            String l = line.strip();
            if (!l.startsWith("--")) {
                break;
            }
            String body = l.substring(2).strip();
            if (body.startsWith("cairn:") || body.startsWith("migrate:") || body.startsWith("+")) {
                continue;
            }
            out.add(body);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return String.join("\n", out);
    }

    /** The seed files in the order they run, named relative to the seeds directory. */
    public static List<Path> files(Options options) {
        if (!Files.isDirectory(options.directory())) {
            throw CairnException.usage("seed.missing", "seeds directory " + options.directory() + " does not exist;"
                    + " create it or point --seeds at yours");
        }
        List<Path> out = new ArrayList<>(sqlFiles(options.directory()));
        if (!options.environment().isEmpty()) {
            Path env = environmentFolder(options.directory(), options.environment());
            if (Files.isDirectory(env)) {
                out.addAll(sqlFiles(env));
            }
        }
        return out;
    }

    /**
     * The folder of an environment's own seeds, {@code <seeds>/<environment>}: always inside the seeds
     * folder, since the name is checked to be plain and the resolved path to stay below it.
     *
     * @throws CairnException a usage error (exit 2) otherwise
     */
    public static Path environmentFolder(Path seeds, String environment) {
        dev.cairn.config.EnvironmentName.check(environment, "the environment");
        Path base = seeds.toAbsolutePath().normalize();
        Path folder = base.resolve(environment).normalize();
        if (!folder.startsWith(base) || folder.equals(base) || !folder.getParent().equals(base)) {
            throw CairnException.usage("seed.environment", "environment '" + environment + "' does not name a folder"
                    + " directly inside the seeds folder " + seeds + ". Nothing was touched");
        }
        return seeds.resolve(environment);
    }

    public Result run(Options options) {
        List<Path> files = files(options);
        // Every seed is read and split before connecting: a bad file (exit 2) leaves the database untouched,
        // not even cairn_seed_history created.
        Map<Path, String> texts = texts(files);
        try (Session db = Session.open(config)) {
            return run(db, options, files, texts);
        }
    }

    /** {@link #run(Options)} on a session already open; its owner closes it. */
    Result run(Session db, Options options) {
        List<Path> files = files(options);
        return run(db, options, files, texts(files));
    }

    private static Map<Path, String> texts(List<Path> files) {
        Map<Path, String> texts = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            texts.put(file, check(file));
        }
        return texts;
    }

    private Result run(Session db, Options options, List<Path> files, Map<Path, String> texts) {
        try {
            db.lock(listener);
            SeedHistory history = new SeedHistory(db.dialect, db.table);
            history.create(db.connection);
            Map<String, String> applied = history.checksums(db.connection);
            List<String> ran = new ArrayList<>();
            List<String> unchanged = new ArrayList<>();
            Map<String, String> notes = new java.util.LinkedHashMap<>();
            for (Path file : files) {
                String name = options.directory().relativize(file).toString().replace('\\', '/');
                String text = texts.get(file);
                String sum = Checksum.of(text);
                if (!options.rerun() && sum.equals(applied.get(name))) {
                    unchanged.add(name);
                    continue;
                }
                run(db, history, new SqlSource(file.toString(), text, 1), name, sum);
                ran.add(name);
                String note = leadingComment(text);
                if (!note.isEmpty()) {
                    notes.put(name, note);
                }
            }
            return new Result(ran, unchanged, notes);
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read or create " + SeedHistory.NAME, e);
        }
    }

    /** The text of a seed file, once it is known to be UTF-8 without NUL bytes, to split, and to balance its BEGIN/COMMIT. */
    private static String check(Path file) {
        String text = MigrationFile.read(file);
        List<SqlStatement> statements = SqlSplitter.split(new SqlSource(file.toString(), text, 1));
        TransactionControl.unbalanced(statements, file.toString()).ifPresent(problem -> {
            throw CairnException.usage("seed.transaction-control", problem + "; nothing was seeded");
        });
        return text;
    }

    private void run(Session db, SeedHistory history, SqlSource source, String name, String sum) throws SQLException {
        db.verifyLock();
        ScriptPlan plan = ScriptPlan.of(source, Migration.Transaction.AUTO, db.dialect, db.serverMajor);
        long start = System.nanoTime();
        try {
            if (plan.transactional()) {
                Transaction.run(db.connection, () -> runAndRecord(db, history, plan, name, sum));
            } else {
                // Each statement commits on its own (CONCURRENTLY, VACUUM), and so does the record after them.
                runAndRecord(db, history, plan, name, sum);
            }
        } catch (Runner.StatementFailure f) {
            SqlStatement st = plan.statements().get(f.index);
            DatabaseError error = Jdbc.error(f.cause);
            String at = Positions.locate(st, error.position());
            throw new CairnException(CairnException.Kind.FAILED, "seed.failed", "seed " + name + " failed at "
                    + source.name() + ":" + (at.isEmpty() ? Integer.toString(st.line()) : at) + ": " + error.describe()
                    + error.hint().map(h -> "\n  hint: " + h).orElse("")
                    + (plan.transactional() ? "\n  rolled back: nothing of " + name + " was applied" : "")
                    + "\n  next: fix the seed and run 'cairn seed' again", f.cause);
        } finally {
            db.resetSession();
        }
        listener.on(new Event.SeedApplied(name, Duration.ofNanos(System.nanoTime() - start)));
    }

    private static void runAndRecord(Session db, SeedHistory history, ScriptPlan plan, String name, String sum)
            throws SQLException, Runner.StatementFailure {
        new Runner(db.connection, db.dialect).run(plan.statements(), plan.transactional());
        history.record(db.connection, name, sum);
    }

    private static List<Path> sqlFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .sorted().toList();
        } catch (IOException e) {
            throw CairnException.usage("seed.unreadable", "cannot read seeds directory " + dir + ": " + e.getMessage());
        }
    }
}
