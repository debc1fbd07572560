package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * URLs from the command line: one that names no database never reaches the driver's defaults, a
 * malformed part never shows a password, and every command that changes the database names it first.
 */
class UrlCliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;")
                .dbmate("002_orders.sql", "CREATE TABLE orders (id int PRIMARY KEY);", "DROP TABLE orders;");
    }

    Cli cli() {
        return new Cli(cwd);
    }

    /** The database the driver would pick for an empty URI: the operating-system user's, on localhost. */
    @Test
    void aUrlThatNamesNoDatabaseIsExitTwoAndConnectsNowhere() throws Exception {
        for (String url : new String[] {"postgres://", "postgresql:///", "postgres://:@/", "postgres://127.0.0.1:5432",
                "postgres://postgres@127.0.0.1:5432/", "jdbc:postgresql://127.0.0.1:5432/?user=postgres"}) {
            for (String command : new String[] {"migrate", "rollback", "reset", "status"}) {
                boolean confirms = command.equals("rollback") || command.equals("reset");
                Cli.Result r = cli().run(command, "--url", url, confirms ? "--yes" : "-v");
                assertThat(r.exit()).as(command + " " + url + ": " + r.all()).isEqualTo(2);
                assertThat(r.err()).as(url).contains("names no database; name it explicitly");
                assertThat(r.out()).as(url).isEmpty();
            }
        }
        assertThat(db.relations()).isEmpty();
    }

    @Test
    void aRawPercentInThePasswordIsExitTwoAndShowsNoPartOfIt() {
        for (String url : new String[] {"postgres://adv_pw:Sx%Q7secret@127.0.0.1:5432/" + db.name(),
                "jdbc:postgresql://127.0.0.1:5432/" + db.name() + "?user=adv_pw&password=Sx%Q7secret"}) {
            Cli.Result r = cli().run("status", "--url", url);
            assertThat(r.exit()).as(r.all()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("error: database URL: the password holds a '%' that is not followed by two"
                    + " hex digits; percent-encode the value (write a literal % as %25)" + System.lineSeparator());
            assertThat(r.all()).doesNotContain("Q7").doesNotContain("Sx").doesNotContain("secret")
                    .doesNotContain("IllegalArgumentException");

            Cli.Result json = cli().run("migrate", "--url", url, "--log-format", "json");
            assertThat(json.exit()).isEqualTo(2);
            assertThat(json.out()).isEmpty();
            assertThat(json.err().lines()).singleElement().satisfies(line -> {
                JsonNode event = new ObjectMapper().readTree(line);
                assertThat(event.get("event").asText()).isEqualTo("error");
                assertThat(event.get("exitCode").asInt()).isEqualTo(2);
                assertThat(event.get("code").asText()).isEqualTo("config.url");
            });
            assertThat(json.all()).doesNotContain("Q7").doesNotContain("secret");
        }
    }

    @Test
    void jdbcUrlsRejectUnknownParametersAsLibpqUrisDo() throws Exception {
        for (String url : new String[] {db.url() + "&foo=bar", db.url() + "&sslmod=require",
                "postgres://postgres@127.0.0.1:5432/" + db.name() + "?foo=bar"}) {
            Cli.Result r = cli().run("migrate", "--url", url);
            assertThat(r.exit()).as(url + ": " + r.all()).isEqualTo(2);
            assertThat(r.err()).containsPattern("unknown connection parameter '(foo|sslmod)'");
        }
        assertThat(db.relations()).isEmpty();
        Cli.Result known = cli().run("migrate", "--url", db.url() + "&prepareThreshold=0&ApplicationName=x");
        assertThat(known.exit()).as(known.all()).isZero();
    }

    @Test
    void aConnectTimeoutThatIsNotANumberIsExitTwo() throws Exception {
        for (String url : new String[] {"postgres://postgres@127.0.0.1:5432/" + db.name() + "?connect_timeout=abc",
                db.url() + "&connectTimeout=abc"}) {
            Cli.Result r = cli().run("migrate", "--url", url);
            assertThat(r.exit()).as(r.all()).isEqualTo(2);
            assertThat(r.err()).contains("'abc' is not a whole number of seconds");
        }
        assertThat(db.relations()).isEmpty();
    }

    @Test
    void migrateRollbackAndResetNameTheirTargetFirst() throws Exception {
        String target = "target: " + dev.cairn.config.DatabaseUrl.parse(db.url()).target();
        assertThat(target).endsWith(":" + db.databaseUrl().port() + "/" + db.name()).doesNotContain("password");
        Cli cli = cli().env("DATABASE_URL", db.url());
        Cli.Result migrate = cli.run("migrate");
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        assertThat(migrate.out().lines().findFirst()).contains(target);
        assertThat(migrate.out()).contains("applied 2 migrations");

        Cli.Result uptodate = cli.run("migrate");
        assertThat(uptodate.out().lines()).containsExactly(target, "up to date: no pending migrations");

        Cli.Result rollback = cli.run("rollback", "--steps", "1", "--yes");
        assertThat(rollback.exit()).as(rollback.all()).isZero();
        assertThat(rollback.out().lines().findFirst()).contains(target);

        Cli.Result refused = cli.run("rollback");
        assertThat(refused.exit()).isEqualTo(6);
        assertThat(refused.out().lines()).as("named before the confirmation").containsExactly(target);

        Cli.Result reset = cli.run("reset", "--yes");
        assertThat(reset.exit()).as(reset.all()).isZero();
        assertThat(reset.out().lines().findFirst()).contains(target);

        Cli.Result password = new Cli(cwd).run("migrate", "--url", "postgres://postgres:s3cret-pw@"
                + db.databaseUrl().host() + ":" + db.databaseUrl().port() + "/" + db.name());
        assertThat(password.out().lines().findFirst()).contains(target);
        assertThat(password.all()).doesNotContain("s3cret-pw");
    }

    @Test
    void withJsonTheTargetGoesToStandardErrorAndStandardOutputStaysOneDocument() throws Exception {
        String target = "target: " + dev.cairn.config.DatabaseUrl.parse(db.url()).target();
        Cli cli = cli().env("DATABASE_URL", db.url());
        Cli.Result migrate = cli.run("migrate", "--json");
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        assertThat(new ObjectMapper().readTree(migrate.out()).get("database").asText()).isEqualTo(db.name());
        assertThat(migrate.err()).contains(target);

        Cli.Result rollback = cli.run("rollback", "--json", "--yes", "--log-format", "json");
        assertThat(rollback.exit()).as(rollback.all()).isZero();
        assertThat(new ObjectMapper().readTree(rollback.out()).get("rolledBack").size()).isEqualTo(2);
        JsonNode first = new ObjectMapper().readTree(rollback.err().lines().findFirst().orElseThrow());
        assertThat(first.get("event").asText()).isEqualTo("target");
        assertThat(first.get("target").asText()).isEqualTo(dev.cairn.config.DatabaseUrl.parse(db.url()).target());
    }
}
