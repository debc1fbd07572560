package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every command end to end through the real command line, against a real PostgreSQL. */
class CliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    MigrationDir dir;
    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        dir = new MigrationDir(cwd.resolve("db/migrations"));
        dir.dbmate("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;")
                .dbmate("002_orders.sql", "CREATE TABLE orders (id int PRIMARY KEY);", "DROP TABLE orders;");
        cli = new Cli(cwd).env("DATABASE_URL", db.url());
    }

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void migrateAppliesAndSaysSoThenIsUpToDate() throws Exception {
        Cli.Result r = cli.run("migrate");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("applied 001_users.sql").contains("applied 002_orders.sql")
                .contains("applied 2 migrations").contains("(batch 1)");
        assertThat(r.err()).isEmpty();
        assertThat(db.relations()).contains("users", "orders");

        Cli.Result again = cli.run("migrate");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("up to date");
    }

    @Test
    void urlFlagWinsOverEnvironment() throws Exception {
        Cli.Result r = new Cli(cwd).env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
                .run("migrate", "--url", db.url());
        assertThat(r.exit()).isZero();
    }

    @Test
    void statusJsonHasTheDocumentedShapeAndCheckExitsThreeWhenPending() throws Exception {
        cli.run("migrate", "--target", "001");
        Cli.Result r = cli.run("status", "--json", "--check");
        assertThat(r.exit()).isEqualTo(3);
        JsonNode doc = json(r.out());
        assertThat(doc.at("/summary/applied").asInt()).isEqualTo(1);
        assertThat(doc.at("/summary/pending").asInt()).isEqualTo(1);
        assertThat(doc.at("/migrations/0/state").asText()).isEqualTo("applied");
        assertThat(doc.at("/migrations/0/batch").asInt()).isEqualTo(1);
        assertThat(doc.at("/migrations/1/state").asText()).isEqualTo("pending");
        assertThat(doc.at("/migrations/1/appliedAt").isNull()).isTrue();

        cli.run("migrate");
        assertThat(cli.run("status", "--check").exit()).isZero();
        dir.dbmate("001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
        Cli.Result modified = cli.run("status", "--check");
        assertThat(modified.exit()).isEqualTo(4);
        assertThat(modified.out()).contains("modified").contains("has changed since it was applied");
    }

    @Test
    void dryRunJsonListsStatementsAndTouchesNothing() throws Exception {
        Cli.Result r = cli.run("migrate", "--dry-run", "--json");
        assertThat(r.exit()).isZero();
        JsonNode doc = json(r.out());
        assertThat(doc.at("/migrations/0/version").asText()).isEqualTo("001");
        assertThat(doc.at("/migrations/0/script").asText()).isEqualTo("001_users.sql");
        assertThat(doc.at("/migrations/0/transactional").asBoolean()).isTrue();
        assertThat(doc.at("/migrations/0/statements/0/line").asInt()).isEqualTo(2);
        assertThat(doc.at("/migrations/0/statements/0/sql").asText()).isEqualTo("CREATE TABLE users (id int PRIMARY KEY);");
        assertThat(db.relations()).isEmpty();

        Cli.Result text = cli.run("migrate", "--dry-run");
        assertThat(text.out()).contains("-- db/migrations/001_users.sql:2\nCREATE TABLE users (id int PRIMARY KEY);");
        assertThat(db.relations()).isEmpty();
    }

    @Test
    void rollbackWithoutTerminalNeedsYes() throws Exception {
        cli.run("migrate");
        Cli.Result refused = cli.run("rollback");
        assertThat(refused.exit()).isEqualTo(6);
        assertThat(refused.err()).contains("roll back 2 migrations needs confirmation").contains("run again with --yes")
                .contains("Nothing was changed");
        assertThat(db.relations()).contains("users", "orders");

        Cli.Result done = cli.run("rollback", "--yes");
        assertThat(done.exit()).isZero();
        assertThat(done.out()).contains("rolled back 002_orders.sql").contains("rolled back 001_users.sql");
        assertThat(db.relations()).containsExactly("cairn_history");
    }

    @Test
    void rollbackOnATerminalAsksAndNoMeansNothingChanges() throws Exception {
        cli.run("migrate");
        Cli.Result no = new Cli(cwd).env("DATABASE_URL", db.url()).terminal("n\n").run("rollback", "--steps", "1");
        assertThat(no.exit()).isEqualTo(6);
        assertThat(no.err()).contains("002_orders.sql").contains("[y/N]");
        assertThat(db.relations()).contains("orders");

        Cli.Result yes = new Cli(cwd).env("DATABASE_URL", db.url()).terminal("y\n").run("rollback", "--steps", "1");
        assertThat(yes.exit()).isZero();
        assertThat(db.relations()).doesNotContain("orders").contains("users");
    }

    @Test
    void rollbackRefusesWhenADownScriptIsMissing() throws Exception {
        dir.write("003_plain.sql", "CREATE TABLE plain (id int);\n");
        Files.writeString(cwd.resolve("cairn.toml"), "computed_downs = false\n");
        cli.run("migrate");
        Cli.Result r = cli.run("rollback", "--all", "--yes");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("003 (003_plain.sql) has no down script");
        assertThat(db.relations()).contains("users", "orders", "plain");
    }

    @Test
    void anEmptyDownIsRolledBackAsNothingUndone() throws Exception {
        dir.write("003_plain.sql", "-- migrate:up\nCREATE TABLE plain (id int);\n-- migrate:down\n");
        cli.run("migrate");
        Cli.Result r = cli.run("rollback", "--all", "--yes");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("rolled back 003_plain.sql").contains("(empty down: nothing undone)")
                .contains("rolled back 3 migrations");
        assertThat(db.relations()).containsExactly("cairn_history", "plain");

        db.execute("DROP TABLE plain");
        assertThat(cli.run("migrate").exit()).isZero();
        Cli.Result json = cli.run("rollback", "--steps", "1", "--yes", "--json");
        assertThat(json(json.out()).at("/rolledBack/0/downSource").asText()).isEqualTo("empty");
    }

    @Test
    void rollbackToTakesAFileNameAndRefusesAnUnknownOne() throws Exception {
        cli.run("migrate");
        Cli.Result unknown = cli.run("rollback", "--to", "000_nothing", "--yes");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--to 000_nothing: no migration has that version or name");
        assertThat(db.relations()).contains("users", "orders");

        Cli.Result r = cli.run("rollback", "--to", "001_users.sql", "--yes");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("rolled back 002_orders.sql").doesNotContain("rolled back 001_users.sql");

        Cli.Result target = cli.run("migrate", "--target", "002_orders");
        assertThat(target.exit()).isZero();
        assertThat(target.out()).contains("applied 002_orders.sql");
    }

    @Test
    void rollbackToANameOfTwoMigrationsIsAmbiguous() throws Exception {
        dir.dbmate("003_users.sql", "CREATE TABLE more_users (id int);", "DROP TABLE more_users;");
        cli.run("migrate");
        Cli.Result r = cli.run("rollback", "--to", "users", "--yes");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--to users names more than one migration: 001 (001_users.sql), 003 (003_users.sql)");
    }

    @Test
    void aRolledBackOlderBatchIsReappliedByAPlainMigrate() throws Exception {
        cli.run("migrate", "--target", "001");
        cli.run("migrate");
        dir.dbmate("003_items.sql", "CREATE TABLE items (id int);", "DROP TABLE items;");
        cli.run("migrate");
        assertThat(cli.run("rollback", "--batch", "2", "--yes").exit()).isZero();
        assertThat(db.relations()).doesNotContain("orders");

        Cli.Result r = cli.run("migrate");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("applied 002_orders.sql");
    }

    @Test
    void validateExitsFourWithOneLinePerProblem() throws Exception {
        cli.run("migrate");
        assertThat(cli.run("validate").exit()).isZero();
        dir.delete("002_orders.sql").dbmate("001_users.sql", "CREATE TABLE users (id text);", "DROP TABLE users;");
        Cli.Result r = cli.run("validate");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err().lines().filter(l -> l.startsWith("invalid: "))).hasSize(2);
        assertThat(r.err()).contains("001").contains("002_orders.sql");
    }

    @Test
    void failingMigrationNamesFileLineAndSqlstateWithoutStackTrace() throws Exception {
        dir.write("003_bad.sql", "-- migrate:up\nCREATE TABLE ok (id int);\nINSERT INTO nope VALUES (1);\n");
        Cli.Result r = cli.run("migrate");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("error: migration 003 failed at db/migrations/003_bad.sql:3:13")
                .contains("SQLSTATE 42P01").contains("rolled back: nothing of 003 was applied")
                .doesNotContain("\tat ");
        assertThat(db.relations()).doesNotContain("ok");

        Cli.Result verbose = cli.run("migrate", "--verbose");
        assertThat(verbose.err()).contains("\tat ");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(cli.run("migrate", "--no-such-flag").exit()).isEqualTo(2);
        assertThat(cli.run("frobnicate").exit()).isEqualTo(2);
        assertThat(cli.run().exit()).isEqualTo(2);
        Cli.Result badUrl = cli.run("status", "--url", "mysql://u:topsecret@h/db");
        assertThat(badUrl.exit()).isEqualTo(2);
        assertThat(badUrl.all()).doesNotContain("topsecret");
        for (String[] bad : new String[][] {
                {"postgres://u:pw@127.0.0.1:5432/app?sslmod=require", "unknown connection parameter 'sslmod'"},
                {"postgres://u:pw@127.0.0.1:abc/app", "port 'abc' of host '127.0.0.1' is not a port number"},
                {"postgres://u:pw@127.0.0.1/app?sslmode=nope", "sslmode 'nope' is not one of"}}) {
            Cli.Result r = cli.run("status", "--url", bad[0]);
            assertThat(r.exit()).as(bad[0]).isEqualTo(2);
            assertThat(r.err()).contains(bad[1]).doesNotContain(":pw@");
        }
        assertThat(cli.run("migrate", "--lock-timeout", "5x").err())
                .contains("Invalid value for option '--lock-timeout': duration '5x' is not a duration");
        assertThat(cli.run("baseline", "--help").exit()).isZero();
        Cli.Result missingDir = cli.run("migrate", "--dir", "nowhere");
        assertThat(missingDir.exit()).isEqualTo(2);
        assertThat(missingDir.err()).contains("migrations directory").contains("nowhere").contains("does not exist");
    }

    @Test
    void unreachableDatabaseExitsOneAndNeverShowsThePassword() {
        Cli.Result r = new Cli(cwd).run("migrate", "--url", "postgres://app:hunter2-very-secret@127.0.0.1:1/app");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot connect to jdbc:postgresql://127.0.0.1:1/app (user app)");
        assertThat(r.all()).doesNotContain("hunter2-very-secret");
    }

    @Test
    void passwordNeverReachesOutputHistoryOrServerSessionName() throws Exception {
        String secret = "pw-" + System.nanoTime();
        String url = db.databaseUrl().withCredentials(db.databaseUrl().user().orElse("postgres"), secret).jdbcUrl();
        String withPassword = url + (url.contains("?") ? "&" : "?") + "user=" + db.databaseUrl().user().orElse("postgres")
                + "&password=" + secret;
        Cli.Result r = new Cli(cwd).run("migrate", "--url", withPassword, "--verbose");
        Cli.Result s = new Cli(cwd).run("status", "--json", "--url", withPassword);
        assertThat(r.all() + s.all()).doesNotContain(secret);
        assertThat(db.column("SELECT concat_ws(' ', version, script, applied_by, up_sql, error) FROM cairn_history"))
                .noneMatch(row -> row.contains(secret));
    }

    @Test
    void newCreatesTheNextFileInTheDirectorysConvention() throws Exception {
        Cli.Result r = cli.run("new", "add_invoices");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("created db/migrations/003_add_invoices.sql");
        assertThat(Files.readString(dir.path().resolve("003_add_invoices.sql"))).startsWith("-- migrate:up");
        Cli.Result bad = cli.run("new", "Add-Invoices");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("lowercase words joined by underscores");
    }

    @Test
    void configFileSuppliesUrlAndDirectory() throws Exception {
        Files.writeString(cwd.resolve("cairn.toml"), "url = \"" + db.url() + "\"\ndir = \"db/migrations\"\n");
        Cli.Result r = new Cli(cwd).run("migrate");
        assertThat(r.exit()).isZero();
        assertThat(db.relations()).contains("users");
        Files.writeString(cwd.resolve("cairn.toml"), "urll = \"x\"\n");
        Cli.Result typo = new Cli(cwd).run("status");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("unknown key 'urll'");
    }

    @Test
    void logFormatJsonWritesOneEventPerLineOnStandardError() throws Exception {
        Cli.Result r = cli.run("migrate", "--log-format", "json");
        assertThat(r.exit()).isZero();
        java.util.List<JsonNode> events = new java.util.ArrayList<>();
        for (String line : r.err().strip().split("\n")) {
            events.add(json(line));
        }
        assertThat(events).extracting(e -> e.get("event").asText())
                .containsExactly("history_created", "migration_starting", "migration_applied", "migration_starting",
                        "migration_applied");
        JsonNode applied = events.get(2);
        assertThat(applied.get("version").asText()).isEqualTo("001");
        assertThat(applied.get("script").asText()).isEqualTo("001_users.sql");
        assertThat(applied.get("batch").asInt()).isEqualTo(1);
        assertThat(applied.get("checksum").asText()).hasSize(64);
        assertThat(applied.has("durationMs")).isTrue();
        assertThat(applied.get("level").asText()).isEqualTo("info");
        assertThat(applied.get("msg").asText()).matches("applied 001_users\\.sql in \\d+ ms");
        assertThat(java.time.Instant.parse(applied.get("time").asText()))
                .isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now());
        assertThat(applied.get("time").asText()).endsWith("Z");
        assertThat(events).allSatisfy(e -> assertThat(e.has("time") && e.has("level") && e.has("msg")).isTrue());

        dir.write("003_bad.sql", "SELECT 1/0;\n");
        Cli.Result failed = cli.run("migrate", "--log-format", "json");
        String[] lines = failed.err().strip().split("\n");
        JsonNode error = json(lines[lines.length - 1]);
        assertThat(error.get("event").asText()).isEqualTo("error");
        assertThat(error.get("exitCode").asInt()).isEqualTo(1);
        assertThat(error.get("message").asText()).contains("SQLSTATE 22012");
        assertThat(error.get("level").asText()).isEqualTo("error");
        assertThat(error.get("msg").asText()).startsWith("migration 003 failed at").doesNotContain("\n");
        assertThat(cli.run("status", "--log-format", "xml").exit()).isEqualTo(2);
    }

    @Test
    void helpTeachesEachCommand() {
        Cli.Result help = cli.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("migrate").contains("status").contains("rollback").contains("validate")
                .contains("new").contains("Exit codes");
        Cli.Result migrateHelp = cli.run("migrate", "--help");
        assertThat(migrateHelp.out()).contains("--dry-run").contains("--target").contains("Examples:");
    }
}
