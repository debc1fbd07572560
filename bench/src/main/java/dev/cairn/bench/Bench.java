package dev.cairn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The benchmark harness: for each size, each repetition and each tool (in alternating order) a
 * fresh database; apply, no-op migrate, status/validate and whole processes are timed, and after
 * every apply the history rows, tables and views are counted (untimed). Writes Markdown tables.
 */
public final class Bench {

    private final Options options;
    private final Results results = new Results();

    private Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new Bench(o).run();
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        Report report = new Report(options, Machine.describe(options));
        if (options.phase("process")) {
            log("building the cairn jar through the launcher, if needed: " + options.root().resolve("cairn"));
            Launches.run(List.of(options.root().resolve("cairn").toString(), "--version"), options.work(), true);
        }
        log("warm-up: every tool once on 10 migrations (untimed)");
        runSize(Workload.generate(options.work(), 10), 1, new Results());
        for (int n : options.sizes()) {
            Workload w = Workload.generate(options.work(), n);
            log("N = " + n + ": " + options.repsFor(n) + " repetitions of " + options.tools());
            report.load(n, "at the start " + loadAverage());
            runSize(w, options.repsFor(n), results);
            report.load(n, "at the end " + loadAverage());
            report.write(results, null, System.nanoTime() - start);
        }
        SplitBench.Result split = options.phase("split") ? SplitBench.run(options) : null;
        report.write(results, split, System.nanoTime() - start);
        log("tables written to " + options.out());
    }

    private void runSize(Workload w, int reps, Results into) throws Exception {
        List<Tool> tools = new ArrayList<>();
        for (String name : options.tools()) {
            tools.add(switch (name) {
                case "cairn" -> new CairnTool(w);
                case "flyway" -> new FlywayTool(w);
                case "liquibase" -> new LiquibaseTool(w);
                case "raw" -> new RawTool(w, RawJdbc.Mode.WHOLE);
                case "raw-batch" -> new RawTool(w, RawJdbc.Mode.BATCH);
                case "raw-async" -> new RawTool(w, RawJdbc.Mode.ASYNC);
                default -> new RawTool(w, RawJdbc.Mode.EACH);
            });
        }
        Tool.Java java = new Tool.Java(options.processFlags(), System.getProperty("java.class.path"), options.root());
        for (int rep = 0; rep < reps; rep++) {
            List<Tool> order = new ArrayList<>(tools);
            Collections.rotate(order, rep);
            if (rep % 2 == 1) {
                Collections.reverse(order);
            }
            for (Tool tool : order) {
                runTool(w, tool, rep, java, into);
            }
        }
    }

    private void runTool(Workload w, Tool tool, int rep, Tool.Java java, Results into) throws Exception {
        int n = w.size();
        String db = "bench_" + tool.name().replace('-', '_') + "_" + rep;
        admin("DROP DATABASE IF EXISTS " + db);
        admin("CREATE DATABASE " + db);
        String url = url(db);
        try {
            long t = time(() -> tool.apply(url));
            into.add(n, "apply", tool.name(), t);
            log(String.format("  N=%d rep %d %-10s apply %s", n, rep, tool.name(), Report.ms(t)));
            verify(tool, url, n);
            if (tool.name().startsWith("raw-")) {
                return;
            }
            if (options.phase("noop")) {
                for (int k = 0; k < options.inProcessRuns(); k++) {
                    into.add(n, "noop", tool.name(), time(() -> tool.noop(url)));
                }
                verify(tool, url, n);
            }
            if (options.phase("status")) {
                for (Tool.Read r : tool.reads()) {
                    for (int k = 0; k < options.inProcessRuns(); k++) {
                        into.add(n, "status", tool.name() + " " + r.label(), time(() -> r.action().run(url)));
                    }
                }
            }
            if (options.phase("process")) {
                for (Tool.Launch l : tool.launches(url, java)) {
                    for (int k = 0; k < options.processRuns(); k++) {
                        into.add(n, "process", l.label(), Launches.run(l.command(), options.work(), false));
                    }
                }
                verify(tool, url, n);
            }
        } finally {
            admin("DROP DATABASE IF EXISTS " + db);
        }
    }

    /** Nothing looks fast by skipping work: N history rows, N tables and N views. */
    private static void verify(Tool tool, String url, int n) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            long rows = tool.historyRows(c);
            long tables = count(c, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'"
                    + " AND tablename ~ '^t_[0-9]+$'");
            long views = count(c, "SELECT count(*) FROM pg_catalog.pg_views WHERE schemaname = 'public'"
                    + " AND viewname ~ '^v_[0-9]+$'");
            if (rows != n || tables != n || views != n) {
                throw new IllegalStateException(tool.name() + ": expected " + n + " history rows, tables and views, found "
                        + rows + ", " + tables + " and " + views);
            }
        }
    }

    @FunctionalInterface
    private interface Timed {
        void run() throws Exception;
    }

    private static long time(Timed action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(options.adminUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String url(String db) {
        String a = options.adminUrl();
        int q = a.indexOf('?');
        String base = q < 0 ? a : a.substring(0, q);
        return base.substring(0, base.lastIndexOf('/') + 1) + db + (q < 0 ? "" : a.substring(q));
    }

    /** {@code jdbc:postgresql://host:port/db?user=u} as psql's {@code postgresql://u@host:port/db}. */
    static String libpq(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        int q = rest.indexOf('?');
        String user = "";
        if (q >= 0) {
            for (String p : rest.substring(q + 1).split("&")) {
                if (p.startsWith("user=")) {
                    user = p.substring(5) + "@";
                }
            }
            rest = rest.substring(0, q);
        }
        return "postgresql://" + user + rest;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The tools log through java.util.logging; INFO lines per migration would time the console. */
    static void quietLogging() {
        System.setProperty("liquibase.analytics.enabled", "false");
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (var h : root.getHandlers()) {
            h.setLevel(Level.WARNING);
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void log(String line) {
        System.err.println("[bench] " + line);
    }

    static void writeFile(Path p, String text) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
