package dev.cairn.bench;

import dev.cairn.Cairn;
import dev.cairn.engine.DriftResult;
import dev.cairn.engine.VerifyResult;
import dev.cairn.schema.SchemaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 14's figures, on demand ({@code bench/schema}): reading the schema model of databases
 * built from the bench workload at several numbers of tables, then {@code drift} and
 * {@code verify} on the workload of N migrations (each with a down that undoes it). Every run is
 * checked (object counts, no drift, verify passes), so nothing looks fast by skipping work.
 */
public final class SchemaBench {

    private SchemaBench() {
    }

    public static void main(String[] args) throws Exception {
        Bench.quietLogging();
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        String admin = a.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        int reps = Integer.parseInt(a.getOrDefault("reps", "5"));
        int n = Integer.parseInt(a.getOrDefault("n", "1000"));
        Path work = Path.of(a.getOrDefault("work", "bench/target/schema-work"));
        Path out = Path.of(a.getOrDefault("out", "bench/target/schema-results.md"));
        StringBuilder md = new StringBuilder("# Schema model, drift and verify\n\n`bench/schema " + String.join(" ", args)
                + "`\n\n" + Machine.describe(Options.parse(new String[0])) + "\n\nLoad average at the start: "
                + Files.readString(Path.of("/proc/loadavg")).strip() + "\n\n| what | objects | median | min | max | samples |\n"
                + "|---|---|---|---|---|---|\n");
        for (String t : a.getOrDefault("tables", "100,1000,10000").split(",")) {
            if (!t.isBlank()) {
                md.append(readModel(admin, Integer.parseInt(t), reps, work));
            }
        }
        int verifyN = Integer.parseInt(a.getOrDefault("verify-n", Integer.toString(n)));
        int driftReps = Integer.parseInt(a.getOrDefault("drift-reps", "3"));
        if (n > 0) {
            md.append(driftAndVerify(admin, n, driftReps, verifyN == n, work));
        }
        if (verifyN > 0 && verifyN != n) {
            md.append(driftAndVerify(admin, verifyN, 0, true, work));
        }
        md.append("\nLoad average at the end: ").append(Files.readString(Path.of("/proc/loadavg")).strip()).append('\n');
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md);
        System.out.print(md);
    }

    private static String readModel(String admin, int tables, int reps, Path work) throws Exception {
        String db = "bench_schema_" + tables;
        recreate(admin, db);
        try {
            String url = url(admin, db);
            Bench.log("model read: building " + tables + " workload steps in " + db);
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                for (int i = 1; i <= tables; i++) {
                    s.execute(Workload.sql(i));
                    if (i % 200 == 0) {
                        c.commit();
                    }
                }
                c.commit();
            }
            Files.createDirectories(work);
            Cairn cairn = Cairn.configure().url(url).locations(work).load();
            SchemaModel m = cairn.schema();
            if (m.tables().size() != tables || m.views().size() != tables || m.routines().size() != tables) {
                throw new IllegalStateException("read " + m.tables().size() + " tables, expected " + tables);
            }
            cairn.schema();
            List<Long> samples = new ArrayList<>();
            for (int r = 0; r < reps; r++) {
                long start = System.nanoTime();
                cairn.schema();
                samples.add(System.nanoTime() - start);
            }
            Bench.log("model read at " + tables + " tables: " + samples);
            return row("model read, " + tables + " tables (connection included)", m.entries().size(), samples);
        } finally {
            drop(admin, db);
        }
    }

    private static String driftAndVerify(String admin, int n, int reps, boolean verify, Path work) throws Exception {
        String db = "bench_schema_drift";
        recreate(admin, db);
        try {
            Path dir = work.resolve("drift-" + n);
            Files.createDirectories(dir);
            try (var old = Files.list(dir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (int i = 1; i <= n; i++) {
                String down = "DROP VIEW v_" + i + ";\nDROP FUNCTION f_" + i + "(bigint);\n"
                        + (i > 1 ? "ALTER TABLE t_" + (i - 1) + " DROP COLUMN extra_" + i + ";\n" : "")
                        + "DROP TABLE t_" + i + ";\n";
                write(dir.resolve(String.format("%05d_step_%d.sql", i, i)),
                        "-- migrate:up\n" + Workload.sql(i) + "\n-- migrate:down\n" + down);
            }
            Cairn cairn = Cairn.configure().url(url(admin, db)).locations(dir).load();
            Bench.log("drift: migrating " + n + " migrations (untimed)");
            cairn.migrate();
            SchemaModel m = cairn.schema();
            List<Long> drift = new ArrayList<>();
            for (int r = 0; r < reps; r++) {
                long start = System.nanoTime();
                DriftResult d = cairn.drift();
                drift.add(System.nanoTime() - start);
                if (d.drifted() || d.replayed() != n) {
                    throw new IllegalStateException("drift found " + d.differences().size() + " differences");
                }
            }
            StringBuilder rows = new StringBuilder(reps == 0 ? "" : row("drift, " + n
                    + " migrations (replay + 2 model reads)", m.entries().size(), drift));
            Bench.log(rows.toString().strip());
            if (!verify) {
                return rows.toString();
            }
            Bench.log("verify: " + n + " round trips");
            long start = System.nanoTime();
            VerifyResult v = cairn.verify();
            long took = System.nanoTime() - start;
            if (!v.passed() || v.migrations().size() != n) {
                throw new IllegalStateException("verify did not pass");
            }
            rows.append(row("verify, " + n + " migrations with downs (up, down, up; 3 model reads each)",
                    m.entries().size(), List.of(took)));
            Bench.log(rows.toString().strip());
            return rows.toString();
        } finally {
            drop(admin, db);
        }
    }

    private static String row(String what, int objects, List<Long> samples) {
        Results.Stats s = Results.Stats.of(samples);
        return "| " + what + " | " + objects + " | " + ms(s.median()) + " | " + ms(s.min()) + " | " + ms(s.max())
                + " | " + s.samples() + " |\n";
    }

    private static String ms(long nanos) {
        return nanos >= 10_000_000_000L ? String.format("%.1f s", nanos / 1e9) : String.format("%d ms", nanos / 1_000_000);
    }

    private static String url(String admin, String db) {
        return admin.replaceFirst("/[^/?]+(\\?|$)", "/" + db + "$1");
    }

    private static void recreate(String admin, String db) throws SQLException {
        drop(admin, db);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
    }

    private static void drop(String admin, String db) throws SQLException {
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    private static void write(Path p, String text) throws IOException {
        Files.writeString(p, text);
    }
}
