package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Several runners on one database, a runner that waits too long, and a runner killed mid-migration. */
class RunnersTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    MigrationDir dir;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        dir = new MigrationDir(cwd.resolve("db/migrations"));
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    @Test
    void sixRunnersAtOnceApplyEachMigrationExactlyOnceAndAllSucceed() throws Exception {
        for (int i = 1; i <= 5; i++) {
            dir.dbmate(String.format("%03d_t%d.sql", i, i),
                    "CREATE TABLE t" + i + " (id int);\nSELECT pg_sleep(0.1);", "DROP TABLE t" + i + ";");
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Cli.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return cli().run("migrate");
            }));
        }
        start.countDown();
        int appliedSomething = 0;
        for (Future<Cli.Result> f : runs) {
            Cli.Result r = f.get(2, TimeUnit.MINUTES);
            assertThat(r.exit()).as(r.all()).isZero();
            if (r.out().contains("applied 5 migrations")) {
                appliedSomething++;
            }
        }
        pool.shutdown();
        assertThat(appliedSomething).isEqualTo(1);
        assertThat(db.column("SELECT version || '=' || count(*) FROM cairn_history WHERE status = 'SUCCESS'"
                + " GROUP BY version ORDER BY version")).containsExactly("001=1", "002=1", "003=1", "004=1", "005=1");
        assertThat(db.scalar("SELECT count(*) FROM cairn_history")).isEqualTo("5");
    }

    @Test
    void runnerThatCannotGetTheLockInTimeExitsFiveNamingTheHolder() throws Exception {
        dir.dbmate("001_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(7);", "DROP TABLE slow;");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Cli.Result> holder = pool.submit(() -> cli().run("migrate"));
        Waits.until(Duration.ofSeconds(30), () -> !db.column("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                + " AND query LIKE 'SELECT pg_sleep(7)%' AND state = 'active'", db.name()).isEmpty());

        Cli.Result waiting = cli().run("migrate", "--lock-timeout", "4s");
        assertThat(waiting.exit()).isEqualTo(5);
        assertThat(waiting.err()).contains("waiting for the migration lock").contains("held by pid")
                .contains("cairn/").contains("nothing was applied").contains("--lock-timeout");
        assertThat(holder.get(1, TimeUnit.MINUTES).exit()).isZero();
        pool.shutdown();
        assertThat(db.scalar("SELECT count(*) FROM cairn_history")).isEqualTo("1");
    }

    @Test
    void runnerKilledMidMigrationLeavesNoPartialSchemaNoLockAndTheNextRunAppliesIt() throws Exception {
        db.execute("CREATE TABLE sleep_seconds (n int)", "INSERT INTO sleep_seconds VALUES (120)");
        dir.dbmate("001_first.sql", "CREATE TABLE first (id int);", "DROP TABLE first;")
                .dbmate("002_long.sql", "CREATE TABLE half (id int);\n"
                        + "SELECT pg_sleep(coalesce((SELECT max(n) FROM sleep_seconds), 0));\n"
                        + "CREATE TABLE other (id int);", "DROP TABLE other;\nDROP TABLE half;");
        Process runner = ChildRunner.start(cwd.resolve("runner.log"),
                "migrate", "--url", db.url(), "--dir", dir.path().toString());
        try {
            Waits.until(Duration.ofSeconds(60), () -> !db.column("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                    + " AND query LIKE 'SELECT pg_sleep(coalesce%' AND state = 'active'", db.name()).isEmpty());
            runner.destroyForcibly();
            assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();

            // The server notices the dead client (client_connection_check_interval) and ends both sessions.
            Waits.until(Duration.ofSeconds(20), () -> db.column("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                    + " AND application_name LIKE 'cairn/%'", db.name()).isEmpty());
            assertThat(db.column("SELECT objid::text FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = ?)", db.name())).isEmpty();
            assertThat(db.relations()).contains("first").doesNotContain("half", "other");
            assertThat(db.column("SELECT version FROM cairn_history WHERE status = 'SUCCESS'")).containsExactly("001");
        } finally {
            runner.destroyForcibly();
        }

        db.execute("DELETE FROM sleep_seconds");
        Cli.Result next = cli().run("migrate");
        assertThat(next.exit()).as(next.all()).isZero();
        assertThat(next.out()).contains("applied 002_long.sql");
        assertThat(db.relations()).contains("half", "other");
    }

    @Test
    void everySpellingOfTheTableAndBothLockModesExcludeEachOther() throws Exception {
        dir.dbmate("001_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(6);", "DROP TABLE slow;");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Cli.Result> holder = pool.submit(() -> cli().run("migrate", "--table", "cairn_history"));
        Waits.until(Duration.ofSeconds(30), () -> !db.column("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                + " AND query LIKE 'SELECT pg_sleep(6)%' AND state = 'active'", db.name()).isEmpty());

        Cli.Result qualified = cli().run("migrate", "--table", "public.cairn_history", "--lock-timeout", "1s");
        assertThat(qualified.exit()).as(qualified.all()).isEqualTo(5);
        Cli.Result table = cli().run("migrate", "--lock-mode", "table", "--lock-timeout", "2s");
        assertThat(table.exit()).as(table.all()).isEqualTo(5);
        assertThat(table.err()).contains("lock mode advisory");

        assertThat(holder.get(1, TimeUnit.MINUTES).exit()).isZero();
        pool.shutdown();
        assertThat(db.scalar("SELECT count(*) FROM cairn_history")).isEqualTo("1");
    }

    @Test
    void killedNonTransactionalMigrationIsNeverRunAgainUntilRepaired() throws Exception {
        db.execute("CREATE TABLE audit (n int)", "CREATE TABLE sleep_seconds (n int)", "INSERT INTO sleep_seconds VALUES (120)");
        dir.write("001_nontx.sql", "-- cairn:no-transaction\nINSERT INTO audit VALUES (1);\n"
                + "SELECT pg_sleep(coalesce((SELECT max(n) FROM sleep_seconds), 0));\n");
        Process runner = ChildRunner.start(cwd.resolve("runner.log"),
                "migrate", "--url", db.url(), "--dir", dir.path().toString());
        try {
            Waits.until(Duration.ofSeconds(60), () -> !db.column("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                    + " AND query LIKE 'SELECT pg_sleep(coalesce%' AND state = 'active'", db.name()).isEmpty());
            runner.destroyForcibly();
            assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            runner.destroyForcibly();
        }
        db.execute("DELETE FROM sleep_seconds");
        Cli.Result next = cli().run("migrate");
        assertThat(next.exit()).as(next.all()).isEqualTo(4);
        assertThat(next.err()).contains("did not finish").contains("cairn repair");
        assertThat(db.scalar("SELECT count(*) FROM audit")).isEqualTo("1");
    }
}
