package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cairn killed (SIGKILL) or stopped (SIGTERM, what a CI cancel or {@code docker stop} sends) while
 * pg_dump, pg_restore or psql works: a restore ends rolled back or complete, never in between; no
 * client tool outlives Cairn; a killed backup's {@code .partial} is removed by the next backup. The
 * real command line runs in a JVM of its own, with the real tools, on a backup that takes a few
 * seconds to restore.
 */
class InterruptedToolsTest {

    private static final int ROWS = 250_000;

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    @TempDir
    Path tmp;

    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(File.separatorChar == '/' && Files.isDirectory(Path.of("/proc/self")),
                "the watchdog and these process checks are for Linux");
        for (String tool : List.of("pg_dump", "pg_restore", "psql")) {
            assumeTrue(Stream.of(System.getenv("PATH").split(File.pathSeparator))
                    .anyMatch(d -> Files.isExecutable(Path.of(d, tool))), tool + " is not on the PATH");
        }
        db.reset();
        new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL);\n"
                        + "INSERT INTO users VALUES (1, 'ada'), (2, 'grace'), (3, 'o''brien');", "DROP TABLE users;")
                .dbmate("002_big.sql", "CREATE TABLE big (id int PRIMARY KEY, payload text NOT NULL);",
                        "DROP TABLE big;");
        cli = new Cli(cwd).env("DATABASE_URL", db.url());
        Cli.Result migrate = cli.run("migrate");
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        db.execute("INSERT INTO big SELECT g, md5(g::text) || md5((g + 1)::text) FROM generate_series(1, " + ROWS + ") g");
    }

    @Test
    void anInterruptedPlainRestoreIsRolledBackOrCompleteNeverHalfAndPsqlDiesWithCairn() throws Exception {
        Path file = backup("plain");
        List<String> full = fingerprint();
        List<String> outcomes = new ArrayList<>();
        outcomes.add(interrupt(file, full, Point.UNPACKING, true));
        assertThat(unpacking()).as("SIGTERM while unpacking deletes the unpacked file").isFalse();
        outcomes.add(interrupt(file, full, Point.UNPACKING, false));
        for (boolean term : List.of(false, true)) {
            for (int delay : List.of(200, 1500)) {
                outcomes.add(interrupt(file, full, new Point(delay), term));
            }
        }
        assertThat(outcomes).as("a kill while psql runs must roll back (each trial's outcome)").contains("rolled back");

        // A restore to its end afterwards works, and removes the private file the kill while unpacking left.
        Process run = ChildRunner.start(List.of("-Djava.io.tmpdir=" + tmp), cwd.resolve("final.log"),
                "restore", file.toString(), "--yes", "--url", db.url());
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(cwd.resolve("final.log"))).isZero();
        assertThat(fingerprint()).isEqualTo(full);
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cairn-restore-")))
                    .as("no unpacked dump is left in the temporary directory").isEmpty();
        }
    }

    @Test
    void anInterruptedCustomRestoreIsRolledBackOrCompleteAndPgRestoreDiesWithCairn() throws Exception {
        Path file = backup("custom");
        List<String> full = fingerprint();
        for (boolean term : List.of(false, true)) {
            interrupt(file, full, new Point(300), term);
        }
    }

    @Test
    void aKilledBackupLeavesNoPgDumpRunningAndTheNextBackupRemovesItsPartialFile() throws Exception {
        Process runner = ChildRunner.start(cwd.resolve("backup.log"), "backup", "--format", "plain", "--out-dir",
                cwd.resolve("backups").toString(), "--url", db.url());
        Set<ProcessHandle> children = new LinkedHashSet<>();
        Waits.until(Duration.ofSeconds(60), () -> {
            runner.descendants().forEach(children::add);
            return !partials().isEmpty() && Files.size(partials().get(0)) > 100_000;
        });
        runner.descendants().forEach(children::add);
        assertThat(children).as("pg_dump runs under Cairn").isNotEmpty();
        runner.destroyForcibly();
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertNoneRunning(children);
        List<Path> left = partials();
        assertThat(left).hasSize(1);
        assertThat(left.get(0).getFileName().toString())
                .matches(db.name() + "_\\d{8}_\\d{6}\\.sql\\.gz\\." + runner.pid() + "-[0-9a-z]+\\.partial");

        Cli.Result next = cli.run("backup", "--format", "plain");
        assertThat(next.exit()).as(next.all()).isZero();
        assertThat(next.out()).contains("removed 1 .partial file left by killed backups of " + db.name())
                .contains(left.get(0).getFileName().toString());
        assertThat(partials()).isEmpty();
        try (Stream<Path> files = Files.list(cwd.resolve("backups"))) {
            assertThat(files.toList()).hasSize(1);
        }
    }

    // --- helpers

    /** When to interrupt: while the dump is unpacked, or {@code afterMs} after the tool's session started working. */
    private record Point(int afterMs) {
        static final Point UNPACKING = new Point(-1);
    }

    /**
     * Puts the database in a changed state, starts a restore in a child JVM, interrupts it at {@code
     * point}, and checks: Cairn ended, its children with it, and the database is as before or fully
     * restored. Returns which of the two.
     */
    private String interrupt(Path file, List<String> full, Point point, boolean term) throws Exception {
        db.execute("DELETE FROM big WHERE id > 1000", "UPDATE users SET name = 'changed'",
                "DELETE FROM cairn_history WHERE version = '002'");
        List<String> before = fingerprint();
        String trial = (term ? "SIGTERM" : "SIGKILL") + " at " + (point == Point.UNPACKING ? "unpacking"
                : "tool + " + point.afterMs() + " ms");
        Path log = cwd.resolve("restore-" + System.nanoTime() + ".log");
        Process runner = ChildRunner.start(List.of("-Djava.io.tmpdir=" + tmp), log,
                "restore", file.toString(), "--yes", "--url", db.url());
        Set<ProcessHandle> children = new LinkedHashSet<>();
        try {
            Waits.until(Duration.ofSeconds(60), () -> {
                runner.descendants().forEach(children::add);
                return point == Point.UNPACKING ? unpacking() : !restoreSessions(true).isEmpty();
            });
            if (point.afterMs() > 0) {
                Thread.sleep(point.afterMs());
            }
            runner.descendants().forEach(children::add);
            if (term) {
                runner.destroy();
            } else {
                runner.destroyForcibly();
            }
            assertThat(runner.waitFor(30, TimeUnit.SECONDS)).as(trial).isTrue();
        } finally {
            runner.destroyForcibly();
        }
        assertNoneRunning(children);
        Waits.until(Duration.ofSeconds(30), () -> restoreSessions(false).isEmpty());
        List<String> after = fingerprint();
        assertThat(after).as(trial + ": the database is as before or fully restored, never in between; log:\n"
                + Files.readString(log)).isIn(before, full);
        return after.equals(before) ? "rolled back" : "restored";
    }

    private Path backup(String format) throws Exception {
        Cli.Result r = cli.run("backup", "--format", format, "--out-dir", "backups");
        assertThat(r.exit()).as(r.all()).isZero();
        try (Stream<Path> files = Files.list(cwd.resolve("backups"))) {
            return files.toList().get(0);
        }
    }

    /** Every relation, a count and hash of every table's rows, and the history. */
    private List<String> fingerprint() throws Exception {
        List<String> out = new ArrayList<>(db.relations());
        out.add("big " + db.scalar("SELECT count(*) || ' ' || coalesce(sum(hashtext(b::text)::bigint), 0) FROM big b"));
        out.addAll(db.column("SELECT u::text FROM users u ORDER BY id"));
        out.addAll(db.column("SELECT version || ' ' || status || ' ' || checksum FROM cairn_history ORDER BY id"));
        return out;
    }

    private boolean unpacking() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("cairn-restore-"));
        }
    }

    private List<String> restoreSessions(boolean active) throws Exception {
        return db.column("SELECT pid::text FROM pg_stat_activity WHERE datname = ? AND application_name = 'cairn restore'"
                + (active ? " AND state = 'active'" : ""), db.name());
    }

    private List<Path> partials() throws IOException {
        Path dir = cwd.resolve("backups");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".partial")).toList();
        }
    }

    /** The tools (and their watchdogs) Cairn started are gone: ended, or zombies no one waits for. */
    private static void assertNoneRunning(Set<ProcessHandle> children) throws Exception {
        try {
            Waits.until(Duration.ofSeconds(10), () -> children.stream().noneMatch(InterruptedToolsTest::running));
        } catch (AssertionError e) {
            throw new AssertionError("still running after Cairn ended: " + children.stream()
                    .filter(InterruptedToolsTest::running).map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                    .toList(), e);
        }
    }

    private static boolean running(ProcessHandle h) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
