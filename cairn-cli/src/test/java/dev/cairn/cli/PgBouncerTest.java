package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cairn through a real PgBouncer in transaction pooling, started by the test in front of the test
 * server: the lease lock keeps racing and killed runners apart, Cairn's timeouts hold in each migration
 * and leak into no server session, named statements do not collide, and the advisory lock is refused.
 */
class PgBouncerTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static PgBouncer bouncer;

    @TempDir
    Path cwd;

    MigrationDir dir;

    @BeforeAll
    static void startPgBouncer() throws Exception {
        bouncer = PgBouncer.start("transaction");
    }

    @AfterAll
    static void stopPgBouncer() throws Exception {
        if (bouncer != null) {
            bouncer.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        db.execute("CREATE TABLE witness (version text, token text)");
        dir = new MigrationDir(cwd.resolve("db/migrations"));
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", bouncer.url(db.name()));
    }

    static String witness(String version) {
        return "INSERT INTO witness SELECT '" + version + "', token FROM cairn_history_lock;";
    }

    @Test
    void advisoryModeThroughTransactionPoolingIsRefusedNamingTheLeaseLock() throws Exception {
        dir.dbmate("001_one.sql", "CREATE TABLE one (id int);", "DROP TABLE one;");
        for (String[] args : List.of(new String[] {"migrate"}, new String[] {"migrate", "--lock-mode", "advisory"},
                new String[] {"rollback", "--yes"})) {
            Cli.Result r = cli().run(args);
            assertThat(r.exit()).as(r.all()).isEqualTo(2);
            assertThat(r.err()).contains("the advisory lock cannot work through this connection pooler")
                    .contains("pool_mode = transaction").contains("--lock-mode table").contains("Nothing was applied")
                    .doesNotContain("Exception");
        }
        assertThat(db.relations()).as("nothing touched").doesNotContain("one", "cairn_history", "cairn_history_lock");
        assertThat(db.column("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).containsExactly("0");
    }

    @Test
    void advisoryLockWhoseSessionThePoolerMovesLaterStopsTheRunBeforeItsMigrationCommits() throws Exception {
        // Two server sessions handed out oldest-first: Cairn's two connections asking in turns get one each,
        // every time, so the check before the lock sees pinned sessions; once the migrations run, the
        // working connection's extra statements break the rhythm and the lock's connection moves.
        dir.dbmate("001_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(8);", "DROP TABLE slow;")
                .dbmate("002_two.sql", "CREATE TABLE two (id int);", "DROP TABLE two;");
        try (PgBouncer fifo = PgBouncer.start("transaction",
                "default_pool_size = 2\nmin_pool_size = 2\nserver_round_robin = 1\n")) {
            warm(fifo);
            Cli.Result r = new Cli(cwd).env("DATABASE_URL", fifo.url(db.name())).run("migrate");
            assertThat(r.exit()).as(r.all()).isEqualTo(5);
            assertThat(r.err()).contains("lost the migration lock").contains("but its connection is now served by pid")
                    .contains("--lock-mode table").contains("rolled back: nothing of 001 was applied");
        }
        assertThat(db.relations()).doesNotContain("slow", "two");
        assertThat(db.column("SELECT count(*) FROM cairn_history WHERE status = 'SUCCESS'")).containsExactly("0");
    }

    /** Opens both of the pool's server sessions at once, so the run starts with two idle ones. */
    private void warm(PgBouncer pool) throws Exception {
        try (Connection a = DriverManager.getConnection(pool.url(db.name()));
             Connection b = DriverManager.getConnection(pool.url(db.name()))) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            a.createStatement().execute("SELECT 1");
            b.createStatement().execute("SELECT 1");
            a.commit();
            b.commit();
        }
    }

    @Test
    void migrateRollbackAndMigrateAgainInTableModeWithTheTimeoutsInEachMigrationAndNoneLeaked() throws Exception {
        dir.dbmate("001_seen.sql", "CREATE TABLE seen (version text, lock_timeout text, statement_timeout text);\n"
                        + "INSERT INTO seen SELECT '001', current_setting('lock_timeout'), current_setting('statement_timeout');",
                        "DROP TABLE seen;");
        for (int i = 2; i <= 12; i++) {
            String v = String.format("%03d", i);
            // Twelve migrations, each statement run more often than pgjdbc's prepareThreshold (5): named
            // statements would collide on the pooler's shared server sessions.
            dir.dbmate(v + "_t" + i + ".sql", "CREATE TABLE t" + i + " (id int);\nINSERT INTO seen SELECT '" + v
                    + "', current_setting('lock_timeout'), current_setting('statement_timeout');", "DROP TABLE t" + i + ";");
        }
        Cli.Result r = cli().run("migrate", "--lock-mode", "table", "--lock-timeout-sql", "2s", "--statement-timeout", "9s");
        assertThat(r.exit()).as(r.all() + bouncer.log()).isZero();
        assertThat(r.out()).contains("applied 12 migrations");
        assertThat(db.column("SELECT DISTINCT lock_timeout || '/' || statement_timeout FROM seen"))
                .as("every migration ran with the configured timeouts").containsExactly("2s/9s");
        assertNoSessionKeptCairnsSettings();

        Cli.Result back = cli().run("rollback", "--all", "--yes", "--lock-mode", "table");
        assertThat(back.exit()).as(back.all()).isZero();
        assertThat(back.out()).contains("rolled back 12 migrations");
        assertThat(db.relations()).doesNotContain("seen", "t2", "t12");
        Cli.Result again = cli().run("migrate", "--lock-mode", "table");
        assertThat(again.exit()).as(again.all()).isZero();
        assertThat(cli().run("status", "--lock-mode", "table").exit()).isZero();
        assertNoSessionKeptCairnsSettings();
    }

    /**
     * A fan-out over schemas through transaction pooling: the schema is one of Cairn's own settings,
     * made in each migration's transaction, so every migration lands in its tenant's schema whichever
     * server session the pooler lends, and no server session keeps a tenant's search_path.
     */
    @Test
    void schemasFanOutThroughThePoolerLandsEachMigrationInItsSchemaAndLeaksNoSearchPath() throws Exception {
        db.execute("CREATE SCHEMA tenant_a", "CREATE SCHEMA tenant_b");
        for (int i = 1; i <= 6; i++) {
            String v = String.format("%03d", i);
            dir.dbmate(v + "_t" + i + ".sql", "CREATE TABLE t" + i + " (id int);\nINSERT INTO t" + i
                    + " SELECT 1 WHERE current_schema() = ANY (ARRAY['tenant_a', 'tenant_b']);", "DROP TABLE t" + i + ";");
        }
        Cli.Result r = cli().run("migrate", "--lock-mode", "table", "--parallel", "2", "--schemas-query",
                "SELECT 'tenant_a' UNION ALL SELECT 'tenant_b'");
        assertThat(r.exit()).as(r.all() + bouncer.log()).isZero();
        assertThat(db.column("SELECT table_schema || '.' || table_name FROM information_schema.tables"
                + " WHERE table_name ~ '^t[0-9]$' ORDER BY 1")).containsExactly("tenant_a.t1", "tenant_a.t2",
                "tenant_a.t3", "tenant_a.t4", "tenant_a.t5", "tenant_a.t6", "tenant_b.t1", "tenant_b.t2", "tenant_b.t3",
                "tenant_b.t4", "tenant_b.t5", "tenant_b.t6");
        assertThat(db.scalar("SELECT count(*) FROM tenant_b.t6")).isEqualTo("1");
        List<Connection> open = new ArrayList<>();
        try {
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Connection c = DriverManager.getConnection(bouncer.url(db.name()));
                open.add(c);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW search_path")) {
                    rs.next();
                    seen.add(rs.getString(1));
                }
            }
            assertThat(seen).as("search_path of the pooler's server sessions").containsOnly("\"$user\", public");
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
    }

    @Test
    void lockTimeoutStopsAMigrationWaitingOnABusyTableThroughThePooler() throws Exception {
        dir.dbmate("001_busy.sql", "CREATE TABLE busy (id int);", "DROP TABLE busy;");
        assertThat(cli().run("migrate", "--lock-mode", "table").exit()).isZero();
        dir.dbmate("002_alter.sql", "ALTER TABLE busy ADD COLUMN x int;", "ALTER TABLE busy DROP COLUMN x;");
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE busy IN ACCESS SHARE MODE");
            Cli.Result r = cli().run("migrate", "--lock-mode", "table", "--lock-timeout-sql", "1s");
            assertThat(r.exit()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("002_alter.sql").contains("55P03");
            holder.rollback();
        }
        assertThat(db.column("SELECT version || ' ' || status FROM cairn_history ORDER BY id"))
                .containsExactly("001 SUCCESS", "002 FAILED");
    }

    @Test
    void runnersRacingThroughThePoolerInTableModeApplyEachMigrationOnceUnderOneLease() throws Exception {
        for (int i = 1; i <= 5; i++) {
            String v = String.format("%03d", i);
            dir.dbmate(v + "_t" + i + ".sql", "CREATE TABLE t" + i + " (id int);\n" + witness(v)
                    + "\nSELECT pg_sleep(0.1);", "DROP TABLE t" + i + ";");
        }
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            children.add(ChildRunner.start(cwd.resolve("child" + i + ".log"), "migrate", "--url", bouncer.url(db.name()),
                    "--dir", dir.path().toString(), "--lock-mode", "table"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Cli.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return cli().run("migrate", "--lock-mode", "table");
            }));
        }
        start.countDown();
        List<String> outputs = new ArrayList<>();
        for (Future<Cli.Result> f : runs) {
            Cli.Result r = f.get(2, TimeUnit.MINUTES);
            assertThat(r.exit()).as(r.all()).isZero();
            outputs.add(r.out());
        }
        pool.shutdown();
        for (int i = 0; i < children.size(); i++) {
            assertThat(children.get(i).waitFor(2, TimeUnit.MINUTES)).isTrue();
            String log = Files.readString(cwd.resolve("child" + i + ".log"));
            assertThat(children.get(i).exitValue()).as(log).isZero();
            outputs.add(log);
        }
        assertThat(outputs.stream().filter(o -> o.contains("applied 5 migrations")).count()).as(outputs.toString())
                .isEqualTo(1);
        assertThat(outputs.stream().filter(o -> o.contains("up to date")).count()).isEqualTo(5);
        assertThat(db.column("SELECT version || '=' || count(*) FROM cairn_history GROUP BY version ORDER BY version"))
                .containsExactly("001=1", "002=1", "003=1", "004=1", "005=1");
        assertThat(db.scalar("SELECT count(DISTINCT token) FROM witness WHERE token IS NOT NULL")).isEqualTo("1");
        assertThat(db.scalar("SELECT count(*) FROM witness")).isEqualTo("5");
        assertThat(db.column("SELECT token FROM cairn_history_lock")).as("released at the end").isEmpty();
    }

    @Test
    void runnerKilledThroughThePoolerIsTakenOverOnceItsLeaseExpires() throws Exception {
        db.execute("CREATE TABLE sleep_seconds (n int)", "INSERT INTO sleep_seconds VALUES (120)");
        dir.dbmate("001_first.sql", "CREATE TABLE first (id int);\n" + witness("001"), "DROP TABLE first;")
                .dbmate("002_long.sql", "CREATE TABLE half (id int);\n" + witness("002")
                        + "\nSELECT pg_sleep(coalesce((SELECT max(n) FROM sleep_seconds), 0));\n"
                        + "CREATE TABLE other (id int);", "DROP TABLE other;\nDROP TABLE half;")
                .dbmate("003_after.sql", "CREATE TABLE after_ (id int);\n" + witness("003"), "DROP TABLE after_;");
        Process holder = ChildRunner.start(cwd.resolve("holder.log"), "migrate", "--url", bouncer.url(db.name()),
                "--dir", dir.path().toString(), "--lock-mode", "table", "--lease-ttl", "3s");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Waits.until(Duration.ofSeconds(60), () -> !db.column("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                    + " AND query LIKE 'SELECT pg_sleep(coalesce%' AND state = 'active'", db.name()).isEmpty());
            String holderToken = db.scalar("SELECT token FROM cairn_history_lock");
            db.execute("DELETE FROM sleep_seconds");
            Future<Cli.Result> waiter = pool.submit(() -> cli().run("migrate", "--lock-mode", "table",
                    "--lock-timeout", "90s"));
            Thread.sleep(4_500); // longer than the TTL: the holder's heartbeat, through the pooler, keeps its lease
            assertThat(waiter.isDone()).isFalse();
            assertThat(db.scalar("SELECT token FROM cairn_history_lock")).isEqualTo(holderToken);

            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // PgBouncer keeps the killed client's server session until its statement ends; end it as
            // the server would for a direct client (client_connection_check_interval cannot see a pooler).
            db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query LIKE 'SELECT pg_sleep(coalesce%' AND state = 'active'");

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
        List<String> tokens = db.column("SELECT token FROM witness ORDER BY version");
        assertThat(tokens).hasSize(3);
        assertThat(tokens.get(1)).isNotEqualTo(tokens.get(0)).isEqualTo(tokens.get(2));
    }

    @Test
    void sessionPoolingKeepsTheAdvisoryLock() throws Exception {
        dir.dbmate("001_one.sql", "CREATE TABLE one (id int);", "DROP TABLE one;");
        try (PgBouncer session = PgBouncer.start("session")) {
            Cli.Result r = new Cli(cwd).env("DATABASE_URL", session.url(db.name())).run("migrate");
            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(r.out()).contains("applied 001_one.sql");
            assertThat(r.err()).doesNotContain("pooler");
        }
        assertThat(db.relations()).contains("one").doesNotContain("cairn_history_lock");
    }

    /**
     * Holds a transaction open on more client connections than Cairn used, so PgBouncer lends each a
     * server session of its own, Cairn's among them: none kept Cairn's timeouts.
     */
    private void assertNoSessionKeptCairnsSettings() throws Exception {
        List<Connection> open = new ArrayList<>();
        try {
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Connection c = DriverManager.getConnection(bouncer.url(db.name()));
                open.add(c);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('lock_timeout')"
                        + " || '/' || current_setting('statement_timeout') || '/' || current_setting('idle_session_timeout')")) {
                    rs.next();
                    seen.add(rs.getString(1));
                }
            }
            assertThat(seen).as("settings of the pooler's server sessions").containsOnly("0/0/0");
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
    }
}
