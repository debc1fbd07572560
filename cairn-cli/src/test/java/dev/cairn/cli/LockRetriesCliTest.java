package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock-wait guard as the CLI shows it: each retry on standard error (and in the JSON log) with the
 * session the migration waited behind, {@code --lock-retries} and {@code lock_retries}, and
 * {@code lock_timeout_sql = "off"}. A second session holds the table.
 */
class LockRetriesCliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    private Connection holder;
    private String holderPid;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        db.execute("CREATE TABLE held (id int)");
        new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_alter.sql", "ALTER TABLE held ADD COLUMN x int;", "ALTER TABLE held DROP COLUMN x;");
        holder = db.connect();
        try (Statement s = holder.createStatement()) {
            s.execute("SET application_name = 'cli-holder'");
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE held IN ACCESS EXCLUSIVE MODE");
        }
        holderPid = db.scalar("SELECT pid::text FROM pg_stat_activity WHERE application_name = 'cli-holder'");
    }

    @AfterEach
    void letGo() throws Exception {
        holder.close();
    }

    private Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    @Test
    void eachRetryIsShownWithTheBlockingSession() {
        Cli.Result r = cli().run("migrate", "--lock-timeout-sql", "300ms", "--lock-retries", "1");

        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("lock wait: 001_alter.sql waited 300ms for a lock held by pid " + holderPid
                        + " (cli-holder): LOCK TABLE held IN ACCESS EXCLUSIVE MODE; rolled back, retry 1 of 1 in 300ms")
                .contains("tried 2 times").contains("rolled back: nothing of 001 was applied");
    }

    @Test
    void theJsonLogCarriesEachRetryWithItsBlockers() throws Exception {
        Cli.Result r = cli().run("migrate", "--lock-timeout-sql", "300ms", "--lock-retries", "2", "--log-format", "json");

        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> retries = r.err().lines().filter(l -> l.startsWith("{")).map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(l, e);
            }
        }).filter(n -> n.path("event").asText().equals("lock_retrying")).toList();
        assertThat(retries).extracting(n -> n.get("attempt").asInt()).containsExactly(1, 2);
        JsonNode first = retries.get(0);
        assertThat(first.get("level").asText()).isEqualTo("warn");
        assertThat(first.get("version").asText()).isEqualTo("001");
        assertThat(first.get("lockTimeoutMs").asLong()).isEqualTo(300);
        assertThat(first.get("backOffMs").asLong()).isEqualTo(300);
        assertThat(first.get("blockers").get(0).get("pid").asText()).isEqualTo(holderPid);
        assertThat(first.get("blockers").get(0).get("applicationName").asText()).isEqualTo("cli-holder");
        assertThat(first.get("blockers").get(0).get("query").asText()).contains("LOCK TABLE held");
    }

    @Test
    void lockRetriesZeroInTheEnvironmentTriesOnce() throws Exception {
        Files.writeString(cwd.resolve("cairn.toml"), "lock_timeout_sql = \"300ms\"\nlock_retries = 5\n"
                + "[env.ci]\nlock_retries = 0\n");

        Cli.Result r = cli().run("migrate", "--env", "ci");

        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("SQLSTATE 55P03").contains("waited for a lock held by pid " + holderPid)
                .doesNotContain("lock wait:").doesNotContain("tried");
    }

    @Test
    void offWaitsUntilTheHolderLetsGo() throws Exception {
        Files.writeString(cwd.resolve("cairn.toml"), "lock_timeout_sql = \"off\"\n");
        Thread letGo = new Thread(() -> {
            try {
                Thread.sleep(1000);
                holder.rollback();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        letGo.start();

        Cli.Result r = cli().run("migrate");
        letGo.join();

        assertThat(r.exit()).as(r.all()).isEqualTo(0);
        assertThat(r.err()).doesNotContain("lock wait:");
    }

    @Test
    void badValuesAreUsageErrors() throws Exception {
        holder.rollback();
        Cli.Result flag = cli().run("migrate", "--lock-retries", "-1");
        assertThat(flag.exit()).as(flag.all()).isEqualTo(2);
        assertThat(flag.err()).contains("lock retries must be 0 or more");

        Cli.Result timeout = cli().run("migrate", "--lock-timeout-sql", "never");
        assertThat(timeout.exit()).as(timeout.all()).isEqualTo(2);
        assertThat(timeout.err()).contains("or off");

        Files.writeString(cwd.resolve("cairn.toml"), "lock_retries = \"3\"\n");
        Cli.Result file = cli().run("migrate");
        assertThat(file.exit()).as(file.all()).isEqualTo(2);
        assertThat(file.err()).contains("'lock_retries' must be a whole number, 0 or more");
        assertThat(db.column("SELECT column_name::text FROM information_schema.columns WHERE table_name = 'held'"))
                .containsExactly("id");
    }
}
