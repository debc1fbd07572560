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

/**
 * {@code --lock-mode table}: runners racing for the lease, a holder killed mid-migration whose
 * lease is taken over once expired, and a runner that lost its lease stopping before its next migration.
 * Each migration writes the lease token it ran under into {@code witness}, so who held the lease
 * is read from the database, not inferred from timing.
 */
class LeaseRunnersTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    MigrationDir dir;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        db.execute("CREATE TABLE witness (version text, token text)");
        dir = new MigrationDir(cwd.resolve("db/migrations"));
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    static String witness(String version) {
        return "INSERT INTO witness SELECT '" + version + "', token FROM cairn_history_lock;";
    }

    @Test
    void sixRunnersAtOnceInTableModeApplyEachMigrationOnceUnderOneLease() throws Exception {
        for (int i = 1; i <= 5; i++) {
            String v = String.format("%03d", i);
            dir.dbmate(v + "_t" + i + ".sql", "CREATE TABLE t" + i + " (id int);\n" + witness(v)
                    + "\nSELECT pg_sleep(0.1);", "DROP TABLE t" + i + ";");
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Cli.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return cli().run("migrate", "--lock-mode", "table");
            }));
        }
        start.countDown();
        int appliedSomething = 0;
        for (Future<Cli.Result> f : runs) {
            Cli.Result r = f.get(2, TimeUnit.MINUTES);
            assertThat(r.exit()).as(r.all()).isZero();
            if (r.out().contains("applied 5 migrations")) {
                appliedSomething++;
            } else {
                assertThat(r.out()).as(r.all()).contains("up to date");
            }
        }
        pool.shutdown();
        assertThat(appliedSomething).isEqualTo(1);
        assertThat(db.column("SELECT version || '=' || count(*) FROM cairn_history WHERE status = 'SUCCESS'"
                + " GROUP BY version ORDER BY version")).containsExactly("001=1", "002=1", "003=1", "004=1", "005=1");
        assertThat(db.scalar("SELECT count(*) FROM cairn_history")).isEqualTo("5");
        // Every migration ran while the lease row held one and the same runner's token.
        assertThat(db.scalar("SELECT count(*) FROM witness WHERE token IS NOT NULL")).isEqualTo("5");
        assertThat(db.scalar("SELECT count(DISTINCT token) FROM witness")).isEqualTo("1");
        assertThat(db.column("SELECT token FROM cairn_history_lock")).as("released at the end").isEmpty();
    }

    @Test
    void holderKilledMidMigrationIsTakenOverAfterItsLeaseExpiresAndTheWaiterAppliesIt() throws Exception {
        db.execute("CREATE TABLE sleep_seconds (n int)", "INSERT INTO sleep_seconds VALUES (120)");
        dir.dbmate("001_first.sql", "CREATE TABLE first (id int);\n" + witness("001"), "DROP TABLE first;")
                .dbmate("002_long.sql", "CREATE TABLE half (id int);\n" + witness("002")
                        + "\nSELECT pg_sleep(coalesce((SELECT max(n) FROM sleep_seconds), 0));\n"
                        + "CREATE TABLE other (id int);", "DROP TABLE other;\nDROP TABLE half;")
                .dbmate("003_after.sql", "CREATE TABLE after_ (id int);\n" + witness("003"), "DROP TABLE after_;");
        Process holder = ChildRunner.start(cwd.resolve("holder.log"),
                "migrate", "--url", db.url(), "--dir", dir.path().toString(), "--lock-mode", "table", "--lease-ttl", "3s");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Waits.until(Duration.ofSeconds(60), () -> !db.column("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                    + " AND query LIKE 'SELECT pg_sleep(coalesce%' AND state = 'active'", db.name()).isEmpty());
            String holderToken = db.scalar("SELECT token FROM cairn_history_lock");
            assertThat(db.scalar("SELECT pid FROM cairn_history_lock")).isEqualTo(Long.toString(holder.pid()));
            db.execute("DELETE FROM sleep_seconds"); // the waiter's own run of 002 must not sleep

            Future<Cli.Result> waiter = pool.submit(() -> cli().run("migrate", "--lock-mode", "table",
                    "--lock-timeout", "90s"));
            // Longer than the holder's TTL: its heartbeat keeps the lease, so the waiter waits.
            Thread.sleep(4_500);
            assertThat(waiter.isDone()).isFalse();
            assertThat(db.scalar("SELECT token FROM cairn_history_lock")).isEqualTo(holderToken);

            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Cli.Result took = waiter.get(90, TimeUnit.SECONDS);
            assertThat(took.exit()).as(took.all()).isZero();
            assertThat(took.err()).contains("waiting for the migration lock").contains("held by pid " + holder.pid());
            assertThat(took.out()).contains("applied 002_long.sql").contains("applied 003_after.sql")
                    .doesNotContain("001_first.sql");
        } finally {
            holder.destroyForcibly();
            pool.shutdownNow();
        }
        assertThat(db.column("SELECT version || ' ' || status FROM cairn_history ORDER BY id"))
                .containsExactly("001 SUCCESS", "002 SUCCESS", "003 SUCCESS");
        assertThat(db.relations()).contains("first", "half", "other", "after_");
        // 001 under the killed holder's lease; its 002 was rolled back with its witness row; 002 and
        // 003 ran once, under the lease that took over.
        List<String> tokens = db.column("SELECT token FROM witness ORDER BY version");
        assertThat(tokens).hasSize(3);
        assertThat(tokens.get(1)).isNotEqualTo(tokens.get(0)).isEqualTo(tokens.get(2));
        assertThat(db.column("SELECT token FROM cairn_history_lock")).isEmpty();
    }

    @Test
    void runnerWhoseLeaseIsTakenOverStopsBeforeItsNextMigration() throws Exception {
        // The first migration plays the other runner: it takes the lease over while it runs.
        dir.dbmate("001_one.sql", "CREATE TABLE one (id int);\nUPDATE cairn_history_lock SET token = 'thief',"
                        + " host = 'thief-host', pid = 99, expires_at = clock_timestamp() + interval '1 hour';",
                        "DROP TABLE one;")
                .dbmate("002_two.sql", "CREATE TABLE two (id int);", "DROP TABLE two;");
        Cli.Result r = cli().run("migrate", "--lock-mode", "table");
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("applied 001_one.sql").doesNotContain("002_two.sql");
        assertThat(r.err()).contains("lost the migration lock").contains("taken over by pid 99 on thief-host")
                .contains("stopped before its next migration").contains("cairn status");
        assertThat(db.column("SELECT version FROM cairn_history")).containsExactly("001");
        assertThat(db.relations()).contains("one").doesNotContain("two");
        assertThat(db.column("SELECT token FROM cairn_history_lock")).as("the new holder's row stays")
                .containsExactly("thief");
    }

    @Test
    void rollbackInTableModeWaitsForTheLeaseLikeMigrate() throws Exception {
        dir.dbmate("001_one.sql", "CREATE TABLE one (id int);", "DROP TABLE one;");
        assertThat(cli().run("migrate", "--lock-mode", "table").exit()).isZero();
        db.execute("INSERT INTO cairn_history_lock VALUES (1, 'other', 'host-y', 7, 'cairn/0 host-y pid 7',"
                + " now(), now(), now() + interval '1 hour')");
        Cli.Result waited = cli().run("rollback", "--lock-mode", "table", "--yes", "--lock-timeout", "1s");
        assertThat(waited.exit()).as(waited.all()).isEqualTo(5);
        assertThat(waited.err()).contains("holds the lease in public.cairn_history_lock").contains("pid 7 on host-y")
                .contains("expires at").contains("nothing was applied");
        db.execute("DELETE FROM cairn_history_lock");

        Cli.Result r = cli().run("rollback", "--lock-mode", "table", "--yes");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(db.relations()).doesNotContain("one");
        assertThat(db.column("SELECT token FROM cairn_history_lock")).isEmpty();
    }

    @Test
    void lockModeComesFromTheFlagThenTheEnvironmentThenCairnToml() throws Exception {
        java.nio.file.Files.writeString(cwd.resolve("cairn.toml"), "[env.staging]\nlock_mode = \"table\"\n");
        assertThat(cli().run("unlock", "--env", "staging", "--json").out()).contains("\"mode\" : \"table\"");
        assertThat(cli().run("unlock", "--json").out()).contains("\"mode\" : \"advisory\"");
        assertThat(cli().env("CAIRN_LOCK_MODE", "table").run("unlock", "--json").out())
                .contains("\"mode\" : \"table\"");
        assertThat(cli().env("CAIRN_LOCK_MODE", "table").run("unlock", "--env", "staging", "--lock-mode", "advisory",
                "--json").out()).contains("\"mode\" : \"advisory\"");
        Cli.Result bad = cli().env("CAIRN_LOCK_MODE", "row").run("unlock");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("$CAIRN_LOCK_MODE: lock mode 'row' is not one of: advisory, table");
    }
}
