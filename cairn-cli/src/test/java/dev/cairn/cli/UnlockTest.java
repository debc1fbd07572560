package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn unlock}: the advisory holder ended when confirmed; expired and live leases. */
class UnlockTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    MigrationDir dir;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        dir = new MigrationDir(cwd.resolve("db/migrations"));
        dir.dbmate("001_first.sql", "CREATE TABLE first (id int);", "DROP TABLE first;");
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    String advisoryLocks() throws Exception {
        return db.scalar("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                + " WHERE l.locktype = 'advisory' AND l.granted AND d.datname = ?", db.name());
    }

    @Test
    void nothingHeldSaysSoInBothModes() {
        Cli.Result advisory = cli().run("unlock");
        assertThat(advisory.exit()).as(advisory.all()).isZero();
        assertThat(advisory.out()).contains("no migration lock is held on " + db.name())
                .contains("advisory lock on public.cairn_history");
        Cli.Result table = cli().run("unlock", "--lock-mode", "table");
        assertThat(table.exit()).as(table.all()).isZero();
        assertThat(table.out()).contains("no lease in public.cairn_history_lock");
    }

    @Test
    void advisoryHolderIsShownRefusedWithoutYesThenEndedWhenConfirmed() throws Exception {
        dir.dbmate("002_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(60);", "DROP TABLE slow;");
        Process holder = ChildRunner.start(cwd.resolve("holder.log"),
                "migrate", "--url", db.url(), "--dir", dir.path().toString());
        try {
            Waits.until(Duration.ofSeconds(60), () -> !db.column("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                    + " AND query LIKE 'SELECT pg_sleep(60)%' AND state = 'active'", db.name()).isEmpty());
            String lockPid = db.scalar("SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                    + " WHERE l.locktype = 'advisory' AND l.granted AND d.datname = ?", db.name());
            String name = "cairn/";

            Cli.Result refused = cli().run("unlock");
            assertThat(refused.exit()).as(refused.all()).isEqualTo(6);
            assertThat(refused.err()).contains("advisory lock on public.cairn_history is held by the session")
                    .contains("pid " + lockPid + " (" + name).contains(" pid " + holder.pid() + ",")
                    .contains("other sessions of the same runner").contains("active: SELECT pg_sleep(60)")
                    .contains("--yes").contains("Nothing was changed");
            assertThat(advisoryLocks()).isEqualTo("1");
            assertThat(holder.isAlive()).isTrue();

            Cli.Result ended = cli().run("unlock", "--yes", "--json");
            assertThat(ended.exit()).as(ended.all()).isZero();
            JsonNode doc = json(ended.out());
            assertThat(doc.get("mode").asText()).isEqualTo("advisory");
            assertThat(doc.get("held").asBoolean()).isTrue();
            assertThat(doc.get("cleared").asBoolean()).isTrue();
            assertThat(doc.get("sessions").get(0).get("pid").asText()).isEqualTo(lockPid);
            assertThat(doc.get("sessions").get(0).get("applicationName").asText()).startsWith(name)
                    .endsWith(" pid " + holder.pid());
            assertThat(doc.get("sessions").get(1).get("query").asText()).startsWith("SELECT pg_sleep(60)");
            assertThat(ended.err()).contains("other sessions of the same runner, ended first");

            // Its migration session ended too: the holder fails, its migration rolled back.
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(holder.exitValue()).isEqualTo(1);
        } finally {
            holder.destroyForcibly();
        }
        assertThat(advisoryLocks()).isEqualTo("0");
        assertThat(db.column("SELECT version FROM cairn_history WHERE status = 'SUCCESS'")).containsExactly("001");
        assertThat(db.relations()).doesNotContain("slow");
        assertThat(cli().run("unlock").out()).contains("no migration lock is held");
    }

    void leaseRow(String expiresIn) throws Exception {
        assertThat(cli().run("migrate", "--lock-mode", "table").exit()).isZero(); // creates cairn_history_lock
        db.execute("INSERT INTO cairn_history_lock VALUES (1, 'dead', 'host-x', 4242, 'cairn/0.1.0 host-x pid 4242',"
                + " now() - interval '10 minutes', now() - interval '5 minutes', now() + interval '" + expiresIn + "')");
    }

    @Test
    void expiredLeaseIsShownAndClearedWhenConfirmed() throws Exception {
        leaseRow("-1 minute");
        Cli.Result refused = cli().run("unlock", "--lock-mode", "table");
        assertThat(refused.exit()).as(refused.all()).isEqualTo(6);
        assertThat(db.scalar("SELECT token FROM cairn_history_lock")).isEqualTo("dead");

        Cli.Result r = cli().terminal("y\n").run("unlock", "--lock-mode", "table");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.err()).contains("lease in public.cairn_history_lock) is held by")
                .contains("pid 4242 on host-x (cairn/0.1.0 host-x pid 4242)").contains("expired at")
                .contains("clear the lock held by pid 4242 on host-x? [y/N]");
        assertThat(r.out()).contains("cleared the lease held by pid 4242 on host-x");
        assertThat(db.column("SELECT token FROM cairn_history_lock")).isEmpty();
    }

    @Test
    void liveLeaseIsRefusedWithoutForceAndClearedWithIt() throws Exception {
        leaseRow("10 minutes");
        Cli.Result refused = cli().run("unlock", "--lock-mode", "table", "--yes");
        assertThat(refused.exit()).as(refused.all()).isEqualTo(6);
        assertThat(refused.err()).contains("the lease in public.cairn_history_lock is live: held by pid 4242 on host-x")
                .contains("expires at").contains("Nothing was cleared").contains("--force");
        assertThat(db.scalar("SELECT token FROM cairn_history_lock")).isEqualTo("dead");

        Cli.Result unconfirmed = cli().run("unlock", "--lock-mode", "table", "--force");
        assertThat(unconfirmed.exit()).as(unconfirmed.all()).isEqualTo(6);
        assertThat(db.scalar("SELECT token FROM cairn_history_lock")).isEqualTo("dead");

        Cli.Result forced = cli().run("unlock", "--lock-mode", "table", "--force", "--yes", "--json");
        assertThat(forced.exit()).as(forced.all()).isZero();
        JsonNode doc = json(forced.out());
        assertThat(doc.get("mode").asText()).isEqualTo("table");
        assertThat(doc.get("lock").asText()).isEqualTo("public.cairn_history_lock");
        assertThat(doc.get("cleared").asBoolean()).isTrue();
        assertThat(doc.get("lease").get("host").asText()).isEqualTo("host-x");
        assertThat(doc.get("lease").get("pid").asLong()).isEqualTo(4242);
        assertThat(doc.get("lease").get("live").asBoolean()).isTrue();
        assertThat(doc.get("lease").get("expiresAt").asText()).endsWith("Z");
        assertThat(db.column("SELECT token FROM cairn_history_lock")).isEmpty();
    }
}
