package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The advisory lock's session ending under a running migrate: by the server's
 * {@code idle_session_timeout} (which Cairn's sessions turn off), or by {@code pg_terminate_backend}
 * (which the check before each commit catches: the migration in flight is rolled back, exit 5). Each
 * migration writes a row into {@code side_log}, so work done twice shows as two rows.
 */
class LockLossTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    MigrationDir dir;
    ExecutorService pool;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        db.execute("CREATE TABLE side_log (v text)");
        dir = new MigrationDir(cwd.resolve("db/migrations"));
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() throws Exception {
        pool.shutdownNow();
        db.execute("ALTER DATABASE \"" + db.name() + "\" RESET idle_session_timeout");
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    /** The backend holding an advisory lock in the test database (exclusive, as the migration lock is), if any. */
    List<String> advisoryHolders() throws Exception {
        return db.column("SELECT l.pid::text FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.mode = 'ExclusiveLock' AND d.datname = ?", db.name());
    }

    @Test
    void anIdleSessionTimeoutOnTheDatabaseEndsNoLockSessionAndTwoRunnersApplyEachMigrationOnce() throws Exception {
        for (int i = 1; i <= 10; i++) {
            String v = String.format("%03d", i);
            dir.dbmate(v + "_d" + i + ".sql", "SELECT pg_sleep(0.4);\nINSERT INTO side_log VALUES ('" + v + "');",
                    "DELETE FROM side_log WHERE v = '" + v + "';");
        }
        db.execute("ALTER DATABASE \"" + db.name() + "\" SET idle_session_timeout = '1500ms'");

        Future<Cli.Result> first = pool.submit(() -> cli().run("migrate"));
        Thread.sleep(3_000);
        // Twice the timeout into the run: the first runner's lock session is idle all along, and still there.
        assertThat(advisoryHolders()).as("the lock is still held at 3 s").hasSize(1);
        Future<Cli.Result> second = pool.submit(() -> cli().run("migrate", "--lock-timeout", "30s"));

        Cli.Result r1 = first.get(60, TimeUnit.SECONDS);
        Cli.Result r2 = second.get(60, TimeUnit.SECONDS);
        assertThat(r1.exit()).as(r1.all()).isZero();
        assertThat(r1.out()).contains("applied 10 migrations");
        assertThat(r2.exit()).as(r2.all()).isZero();
        assertThat(r2.out()).as(r2.all()).contains("up to date");
        assertThat(db.column("SELECT v || '=' || count(*) FROM side_log GROUP BY v ORDER BY v"))
                .as("each migration's work done once").hasSize(10).allSatisfy(s -> assertThat(s).endsWith("=1"));
        assertThat(db.column("SELECT version || ' ' || status FROM cairn_history ORDER BY id")).hasSize(10)
                .allSatisfy(s -> assertThat(s).endsWith(" SUCCESS"));
    }

    @Test
    void aTerminatedLockSessionStopsTheRunWithExitFiveAndRollsBackTheMigrationInFlight() throws Exception {
        dir.dbmate("001_one.sql", "CREATE TABLE one (id int);\nINSERT INTO side_log VALUES ('001');", "DROP TABLE one;")
                .dbmate("002_two.sql", "CREATE TABLE two (id int);\nSELECT pg_sleep(3);\nINSERT INTO side_log VALUES ('002');",
                        "DROP TABLE two;")
                .dbmate("003_three.sql", "CREATE TABLE three (id int);\nINSERT INTO side_log VALUES ('003');",
                        "DROP TABLE three;");

        Future<Cli.Result> first = pool.submit(() -> cli().run("migrate"));
        Waits.until(Duration.ofSeconds(30), () -> !db.column("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                + " AND query LIKE 'SELECT pg_sleep(3)%' AND state = 'active'", db.name()).isEmpty());
        List<String> holder = advisoryHolders();
        assertThat(holder).hasSize(1);
        assertThat(db.scalar("SELECT pg_terminate_backend(" + holder.get(0) + ", 5000)")).isEqualTo("t");
        // Another runner takes the lock at once and applies 002 and 003; its CREATE TABLE two waits
        // until the first runner's 002 is rolled back.
        Future<Cli.Result> second = pool.submit(() -> cli().run("migrate", "--lock-timeout", "30s"));

        Cli.Result r1 = first.get(60, TimeUnit.SECONDS);
        assertThat(r1.exit()).as(r1.all()).isEqualTo(5);
        assertThat(r1.out()).contains("applied 001_one.sql").doesNotContain("applied 002_two.sql");
        assertThat(r1.err()).contains("lost the migration lock")
                .contains("(pid " + holder.get(0) + ") has ended")
                .contains("57P01")
                .contains("rolled back: nothing of 002 was applied; the migration before it in this run stays applied")
                .contains("next: check 'cairn status'")
                .doesNotContain("fix the file");

        Cli.Result r2 = second.get(60, TimeUnit.SECONDS);
        assertThat(r2.exit()).as(r2.all()).isZero();
        assertThat(r2.out()).contains("applied 002_two.sql").contains("applied 003_three.sql");

        assertThat(db.column("SELECT version || ' ' || status FROM cairn_history ORDER BY id"))
                .as("no FAILED row for work the other runner did").containsExactly("001 SUCCESS", "002 SUCCESS", "003 SUCCESS");
        assertThat(db.column("SELECT v FROM side_log ORDER BY v")).containsExactly("001", "002", "003");
        assertThat(db.relations()).contains("one", "two", "three");
    }

    @Test
    void aTerminatedLockSessionStopsASingleTransactionRunWithNothingApplied() throws Exception {
        dir.dbmate("001_one.sql", "CREATE TABLE one (id int);\nINSERT INTO side_log VALUES ('001');", "DROP TABLE one;")
                .dbmate("002_two.sql", "SELECT pg_sleep(3);\nINSERT INTO side_log VALUES ('002');", "SELECT 1;");
        Future<Cli.Result> run = pool.submit(() -> cli().run("migrate", "--single-transaction"));
        Waits.until(Duration.ofSeconds(30), () -> !db.column("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                + " AND query LIKE 'SELECT pg_sleep(3)%' AND state = 'active'", db.name()).isEmpty());
        List<String> holder = advisoryHolders();
        assertThat(holder).hasSize(1);
        db.execute("SELECT pg_terminate_backend(" + holder.get(0) + ", 5000)");

        Cli.Result r = run.get(60, TimeUnit.SECONDS);
        assertThat(r.exit()).as(r.all()).isEqualTo(5);
        assertThat(r.err()).contains("lost the migration lock")
                .contains("rolled back: --single-transaction, so nothing of this run was applied");
        assertThat(db.column("SELECT version FROM cairn_history")).isEmpty();
        assertThat(db.column("SELECT v FROM side_log")).isEmpty();
        assertThat(db.relations()).doesNotContain("one");
    }

    @Test
    void aRunnerThatTakesTheLockWaitsForTheFormerHoldersCommitToEnd() throws Exception {
        dir.dbmate("001_one.sql", "CREATE TABLE one (id int);", "DROP TABLE one;");
        try (var c = db.connect(); var s = c.createStatement()) {
            // What a runner does right before its commit: the commit key, shared, until the transaction ends.
            c.setAutoCommit(false);
            s.execute("SELECT pg_advisory_xact_lock_shared(('x' || left(encode(sha256(convert_to('cairn-commit:'"
                    + " || current_database() || '/public.cairn_history', 'UTF8')), 'hex'), 16))::bit(64)::bigint)");
            Cli.Result waited = cli().run("migrate", "--lock-timeout", "1s");
            assertThat(waited.exit()).as(waited.all()).isEqualTo(5);
            assertThat(waited.err()).contains("still committing a migration after 1s").contains("nothing was applied");
            assertThat(advisoryHolders()).as("the lock it took was let go").isEmpty();
            c.commit();
        }
        Cli.Result r = cli().run("migrate", "--lock-timeout", "1s");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(db.relations()).contains("one");
    }

    @Test
    void aTerminatedLockSessionStopsARollbackWithExitFiveAndTheDownInFlightIsUndone() throws Exception {
        dir.dbmate("001_one.sql", "CREATE TABLE one (id int);", "DROP TABLE one;")
                .dbmate("002_two.sql", "CREATE TABLE two (id int);", "SELECT pg_sleep(3);\nDROP TABLE two;");
        assertThat(cli().run("migrate").exit()).isZero();

        Future<Cli.Result> run = pool.submit(() -> cli().run("rollback", "--all", "--yes"));
        Waits.until(Duration.ofSeconds(30), () -> !db.column("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                + " AND query LIKE 'SELECT pg_sleep(3)%' AND state = 'active'", db.name()).isEmpty());
        List<String> holder = advisoryHolders();
        assertThat(holder).hasSize(1);
        db.execute("SELECT pg_terminate_backend(" + holder.get(0) + ", 5000)");

        Cli.Result r = run.get(60, TimeUnit.SECONDS);
        assertThat(r.exit()).as(r.all()).isEqualTo(5);
        assertThat(r.err()).contains("lost the migration lock").contains("rolled back: 002 stays applied")
                .contains("run 'cairn rollback' again");
        assertThat(db.column("SELECT version || ' ' || status FROM cairn_history ORDER BY id"))
                .containsExactly("001 SUCCESS", "002 SUCCESS");
        assertThat(db.relations()).contains("one", "two");
    }
}
