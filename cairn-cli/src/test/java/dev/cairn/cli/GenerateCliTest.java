package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cairn generate through the real command line, each test on a fresh database; no scratch database left behind. */
class GenerateCliTest {

    @TempDir
    Path cwd;

    private String database;
    private DatabaseUrl url;
    private List<String> scratchBefore;
    private MigrationDir dir;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = "cairn_gen_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        url = TestDatabase.create(database);
        scratchBefore = DriftCliTest.scratchDatabases();
        dir = new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
                        + "CREATE TYPE plan AS ENUM ('free', 'team', 'paid');", "DROP TABLE users;\nDROP TYPE plan;");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        TestDatabase.drop(database);
        assertThat(DriftCliTest.scratchDatabases()).as("no scratch database is left behind").isEqualTo(scratchBefore);
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", url.jdbcUrl() + "?user=" + url.user().orElse("postgres")
                + url.password().map(p -> "&password=" + p).orElse(""));
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties());
             Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir.path())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aChangeMadeByHandBecomesTheNextMigrationRecordedAsApplied() throws Exception {
        Cli cli = cli();
        assertThat(cli.run("migrate").exit()).isZero();
        execute("ALTER TABLE users ADD COLUMN name text", "ALTER TABLE users DROP COLUMN email");
        Cli.Result r = cli.run("generate", "add_name");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("created db/migrations/002_add_name.sql")
                .contains("drops data: column public.users.email")
                .contains("recorded as applied on the database (it already has these changes): 002");
        String text = Files.readString(dir.path().resolve("002_add_name.sql"));
        assertThat(text).startsWith("-- migrate:up\n-- add name\n").contains("-- cairn: drops data\n")
                .contains("ALTER TABLE public.users ADD COLUMN name text;")
                .contains("-- migrate:down\n").contains("ALTER TABLE public.users ADD COLUMN email text NOT NULL;");
        Cli.Result drift = cli.run("drift");
        assertThat(drift.exit()).as(drift.all()).isZero();
        Cli.Result status = cli.run("status");
        assertThat(status.all()).contains("2 applied, 0 pending");
        Cli.Result again = cli.run("generate", "nothing");
        assertThat(again.exit()).as(again.all()).isZero();
        assertThat(again.out()).contains("no differences: nothing generated");
        assertThat(files()).containsExactly("001_users.sql", "002_add_name.sql");
    }

    @Test
    void noRecordLeavesItPendingAndDryRunWritesNothing() throws Exception {
        Cli cli = cli();
        assertThat(cli.run("migrate").exit()).isZero();
        execute("CREATE INDEX users_email ON users (email)");
        Cli.Result dry = cli.run("generate", "index_email", "--dry-run");
        assertThat(dry.exit()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("-- db/migrations/002_index_email.sql")
                .contains("CREATE INDEX CONCURRENTLY users_email ON public.users USING btree (email);")
                .contains("-- cairn:no-transaction");
        assertThat(files()).containsExactly("001_users.sql");
        Cli.Result r = cli.run("generate", "index_email", "--no-record", "--unsafe-fast");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).doesNotContain("recorded");
        assertThat(Files.readString(dir.path().resolve("002_index_email.sql")))
                .contains("CREATE INDEX users_email ON public.users USING btree (email);");
        assertThat(cli.run("status").all()).contains("1 pending");
    }

    @Test
    void aSchemaFileIsTheDesiredSchemaWithRenamesAndJson() throws Exception {
        Files.writeString(cwd.resolve("schema.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, mail text NOT NULL,"
                + " score int CHECK (score >= 0));\nCREATE TYPE plan AS ENUM ('free', 'team', 'paid');\n");
        Cli.Result r = cli().run("generate", "rename_mail", "--to-schema", "schema.sql", "--rename",
                "users.email:mail", "--json");
        assertThat(r.exit()).as(r.all()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("generated").asBoolean()).isTrue();
        assertThat(json.get("dropsData")).isEmpty();
        assertThat(json.get("recorded")).as("the configured database is not the desired one").isEmpty();
        assertThat(json.get("files").get(0).get("text").asText())
                .contains("ALTER TABLE public.users RENAME COLUMN email TO mail;")
                .contains("ALTER TABLE public.users RENAME COLUMN mail TO email;")
                .doesNotContain("DROP COLUMN email").doesNotContain("DROP COLUMN mail");
        assertThat(json.get("files").get(1).get("text").asText())
                .contains("ALTER TABLE public.users VALIDATE CONSTRAINT users_score_check;");
        assertThat(cli().run("migrate").exit()).isZero();
    }

    @Test
    void aSyntaxErrorInTheSchemaFileIsReportedWithFileAndLine() throws Exception {
        Files.writeString(cwd.resolve("schema.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n\n"
                + "CREATE TABEL oops (id int);\n");
        Cli.Result r = cli().run("generate", "broken", "--to-schema", "schema.sql");
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("schema.sql:3: ").contains("syntax error").contains("Nothing was generated")
                .doesNotContain("at dev.cairn");
        assertThat(files()).containsExactly("001_users.sql");
    }

    @Test
    void anUnreachableDesiredDatabaseIsAClearError() throws Exception {
        Cli.Result r = cli().run("generate", "x", "--to-url", "postgres://postgres@127.0.0.1:1/nowhere");
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("127.0.0.1:1").doesNotContain("at dev.cairn");
        assertThat(files()).containsExactly("001_users.sql");
    }

    @Test
    void pendingMigrationsOnTheDesiredDatabaseAreRefused() throws Exception {
        Cli.Result r = cli().run("generate", "x");
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("1 migration is not applied to the database yet (first: 001_users.sql)");
    }

    @Test
    void objectsItCannotExpressAreListedAndWrittenAsComments() throws Exception {
        Cli cli = cli();
        assertThat(cli.run("migrate").exit()).isZero();
        execute("ALTER TYPE plan RENAME VALUE 'team' TO 'group'",
                "CREATE TABLE events (at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
        Cli.Result r = cli.run("generate", "events");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("not generated: write it by hand: type public.plan")
                .contains("not generated: write it by hand: table public.events_2024");
        assertThat(Files.readString(dir.path().resolve("002_events.sql")))
                .contains("CREATE TABLE public.events (\n    at date NOT NULL\n) PARTITION BY RANGE (at);")
                .contains("-- cairn: not generated: write it by hand: type public.plan\n"
                        + "--   was: enum 'free', 'team', 'paid'\n--   now: enum 'free', 'group', 'paid'\n")
                .contains("-- cairn: not generated: write it by hand: table public.events_2024\n");
    }

    @Test
    void aTerminalIsAskedWhetherAColumnWasRenamed() throws Exception {
        Cli cli = cli();
        assertThat(cli.run("migrate").exit()).isZero();
        execute("ALTER TABLE users RENAME COLUMN email TO mail");
        Cli.Result r = cli.terminal("y\n").run("generate", "rename_email", "--dry-run");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.all()).contains("In public.users, column email went and mail (text) came: renamed? [y/N]");
        assertThat(r.out()).contains("RENAME COLUMN email TO mail").doesNotContain("drops data");
        Cli.Result plain = cli().run("generate", "rename_email", "--dry-run");
        assertThat(plain.out()).as("no terminal: not asked, not guessed").contains("DROP COLUMN email")
                .contains("drops data: column public.users.email");
    }
}
