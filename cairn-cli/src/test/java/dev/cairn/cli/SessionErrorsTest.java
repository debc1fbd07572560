package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
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
 * Failures that come from the server or other sessions, not from the migration file: a lock
 * timeout (55P03), no connection left (53300), a role that allows one session, and the working
 * session ended by the server (57P01). None of them may say "fix the file".
 */
class SessionErrorsTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    MigrationDir dir;
    String role;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        dir = new MigrationDir(cwd.resolve("db/migrations"));
        role = "cairn_cl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @AfterEach
    void dropRole() throws Exception {
        db.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE usename = '" + role + "'",
                "DROP ROLE IF EXISTS " + role);
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    /** The test database's URL as {@code role}, who has no password on the test server. */
    String urlAs(String user) {
        return db.url().replaceAll("user=[^&]*", "user=" + user);
    }

    @Test
    void aLockTimeoutInAMigrationSaysTheFileIsFineAndToRunAgain() throws Exception {
        db.execute("CREATE TABLE held (id int)");
        dir.dbmate("001_alter.sql", "ALTER TABLE held ADD COLUMN x int;", "ALTER TABLE held DROP COLUMN x;");
        try (Connection other = db.connect(); Statement s = other.createStatement()) {
            other.setAutoCommit(false);
            s.execute("LOCK TABLE held IN ACCESS EXCLUSIVE MODE");
            Cli.Result r = cli().run("migrate", "--lock-timeout-sql", "500ms");
            assertThat(r.exit()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("SQLSTATE 55P03").contains("retry when")
                    .contains("rolled back: nothing of 001 was applied")
                    .contains("next: the file is fine: run 'cairn migrate' again")
                    .doesNotContain("fix the file");
            other.rollback();
        }
    }

    @Test
    void noConnectionLeftHasItsOwnHint() throws Exception {
        db.execute("CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 1");
        dir.dbmate("001_one.sql", "CREATE TABLE one (id int);", "DROP TABLE one;");
        var url = db.databaseUrl();
        try (Connection first = DriverManager.getConnection(url.jdbcUrl() + (url.jdbcUrl().contains("?") ? "&" : "?")
                + "user=" + role)) {
            Cli.Result r = new Cli(cwd).env("DATABASE_URL", urlAs(role)).run("migrate");
            assertThat(r.exit()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("SQLSTATE 53300").contains("CONNECTION LIMIT")
                    .doesNotContain("check that the server is running");
        }
    }

    @Test
    void aRoleAllowedOneSessionIsToldCairnNeedsTwo() throws Exception {
        db.execute("CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 1");
        dir.dbmate("001_one.sql", "CREATE TABLE one (id int);", "DROP TABLE one;");
        Cli.Result r = new Cli(cwd).env("DATABASE_URL", urlAs(role)).run("migrate");
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("cannot open the second session").contains("SQLSTATE 53300")
                .contains("Cairn needs two sessions at once, one for the migration lock and one for the migrations")
                .contains("CONNECTION LIMIT 2").contains("nothing was applied");
        assertThat(db.relations()).doesNotContain("one", "cairn_history");
    }

    @Test
    void aTerminatedWorkingSessionNamesTheMigrationSaysItWasRolledBackAnd57P01() throws Exception {
        dir.dbmate("001_one.sql", "CREATE TABLE one (id int);", "DROP TABLE one;")
                .dbmate("002_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(30);", "DROP TABLE slow;");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Cli.Result> run = pool.submit(() -> cli().run("migrate"));
            Waits.until(Duration.ofSeconds(30), () -> !db.column("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                    + " AND query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'", db.name()).isEmpty());
            db.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = '" + db.name()
                    + "' AND query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'");
            Cli.Result r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.exit()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("migration 002 failed at").contains("SQLSTATE 57P01")
                    .contains("rolled back: nothing of 002 was applied")
                    .contains("before it in this run")
                    .doesNotContain("cannot reset the session").doesNotContain("08003").doesNotContain("fix the file");
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.column("SELECT version || ' ' || status FROM cairn_history ORDER BY id"))
                .containsExactly("001 SUCCESS");
        assertThat(db.relations()).contains("one").doesNotContain("slow");
    }

    @Test
    void aTerminatedWorkingSessionUnderSingleTransactionSays57P01AndNothingWasApplied() throws Exception {
        dir.dbmate("001_one.sql", "CREATE TABLE one (id int);", "DROP TABLE one;")
                .dbmate("002_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(30);", "DROP TABLE slow;");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Cli.Result> run = pool.submit(() -> cli().run("migrate", "--single-transaction"));
            Waits.until(Duration.ofSeconds(30), () -> !db.column("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                    + " AND query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'", db.name()).isEmpty());
            db.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = '" + db.name()
                    + "' AND query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'");
            Cli.Result r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.exit()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("migration 002 failed at").contains("SQLSTATE 57P01")
                    .contains("nothing was applied")
                    .doesNotContain("cannot reset the session").doesNotContain("08003");
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.column("SELECT version FROM cairn_history")).isEmpty();
        assertThat(db.relations()).doesNotContain("one", "slow");
    }
}
