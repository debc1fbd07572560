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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cairn drift through the real command line: each test on a fresh database, the scratch database
 * on the same server, and a check that no scratch database is left behind.
 */
class DriftCliTest {

    @TempDir
    Path cwd;

    private String database;
    private DatabaseUrl url;
    private List<String> scratchBefore;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = "cairn_drift_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        url = TestDatabase.create(database);
        scratchBefore = scratchDatabases();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        TestDatabase.drop(database);
        assertThat(scratchDatabases()).as("no scratch database is left behind").isEqualTo(scratchBefore);
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", urlText());
    }

    String urlText() {
        return url.jdbcUrl() + (url.jdbcUrl().contains("?") ? "&" : "?") + "user=" + url.user().orElse("postgres")
                + url.password().map(p -> "&password=" + p).orElse("");
    }

    static List<String> scratchDatabases() throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseUrl admin = dev.cairn.testing.PostgresServer.admin();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.properties());
             Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'cairn\\_scratch\\_%'"
                     + " ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties());
             Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** A realistic project: extensions, enums, domains, partitions, functions, triggers, RLS, views, CONCURRENTLY. */
    MigrationDir richProject() {
        return new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_base.sql", "CREATE EXTENSION IF NOT EXISTS pg_trgm;\nCREATE EXTENSION IF NOT EXISTS"
                        + " pgcrypto;\nCREATE SCHEMA app;\nCREATE TYPE app.status AS ENUM ('new', 'paid', 'shipped');\n"
                        + "CREATE DOMAIN app.email AS text CHECK (VALUE ~ '@');", "DROP SCHEMA app CASCADE;")
                .dbmate("002_customers.sql", "CREATE TABLE app.customers (id uuid PRIMARY KEY DEFAULT"
                        + " gen_random_uuid(), email app.email NOT NULL, name text COLLATE \"C\", tenant text NOT NULL"
                        + " DEFAULT current_setting('app.tenant', true), created_at timestamptz NOT NULL DEFAULT now(),"
                        + " search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(name, ''))) STORED);\n"
                        + "CREATE INDEX customers_name_trgm ON app.customers USING gin (name gin_trgm_ops);\n"
                        + "CREATE UNIQUE INDEX customers_email_live ON app.customers (lower(email))"
                        + " WHERE created_at IS NOT NULL;\nCOMMENT ON TABLE app.customers IS 'who buys';\n"
                        + "INSERT INTO app.customers (email, name, tenant) VALUES ('a@b', 'ada', 't1');",
                        "DROP TABLE app.customers;")
                .dbmate("003_orders.sql", "CREATE TABLE app.orders (id bigint GENERATED ALWAYS AS IDENTITY,"
                        + " customer_id uuid NOT NULL REFERENCES app.customers ON DELETE CASCADE, status app.status NOT"
                        + " NULL DEFAULT 'new', placed_on date NOT NULL, total numeric(12,2) CHECK (total >= 0),"
                        + " PRIMARY KEY (id, placed_on)) PARTITION BY RANGE (placed_on);\n"
                        + "CREATE TABLE app.orders_2024 PARTITION OF app.orders FOR VALUES FROM ('2024-01-01') TO"
                        + " ('2025-01-01');\nCREATE TABLE app.orders_default PARTITION OF app.orders DEFAULT;",
                        "DROP TABLE app.orders;")
                .dbmate("004_logic.sql", "CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                        + "BEGIN\n  NEW.created_at := now();\n  RETURN NEW;\nEND\n$$;\n"
                        + "CREATE TRIGGER customers_touch BEFORE UPDATE ON app.customers FOR EACH ROW EXECUTE FUNCTION"
                        + " app.touch();\nCREATE FUNCTION app.order_count(c uuid) RETURNS bigint LANGUAGE sql STABLE AS"
                        + " $$ SELECT count(*) FROM app.orders WHERE customer_id = c $$;\n"
                        + "CREATE PROCEDURE app.archive(before date) LANGUAGE plpgsql AS $$ BEGIN DELETE FROM app.orders"
                        + " WHERE placed_on < before; END $$;\nCREATE AGGREGATE app.total_sum(numeric) (SFUNC ="
                        + " numeric_add, STYPE = numeric, INITCOND = '0');",
                        "DROP AGGREGATE app.total_sum(numeric);\nDROP PROCEDURE app.archive(date);\n"
                        + "DROP FUNCTION app.order_count(uuid);\nDROP TRIGGER customers_touch ON app.customers;\n"
                        + "DROP FUNCTION app.touch();")
                .dbmate("005_security.sql", "ALTER TABLE app.customers ENABLE ROW LEVEL SECURITY;\n"
                        + "ALTER TABLE app.customers FORCE ROW LEVEL SECURITY;\nCREATE POLICY tenant_isolation ON"
                        + " app.customers USING (tenant = current_setting('app.tenant', true)) WITH CHECK (tenant ="
                        + " current_setting('app.tenant', true));\nCREATE VIEW app.customer_orders AS SELECT c.id,"
                        + " count(o.id) AS orders FROM app.customers c LEFT JOIN app.orders o ON o.customer_id = c.id"
                        + " GROUP BY c.id;\nCREATE MATERIALIZED VIEW app.daily AS SELECT placed_on, sum(total) AS total"
                        + " FROM app.orders GROUP BY placed_on;\nCREATE INDEX daily_day ON app.daily (placed_on);\n"
                        + "CREATE SEQUENCE app.invoice_no START 1000 INCREMENT 10;\n"
                        + "CREATE TYPE app.amounts AS RANGE (subtype = numeric);\n"
                        + "CREATE TYPE app.address AS (street text, city text);",
                        "DROP POLICY tenant_isolation ON app.customers;")
                .dbmate("006_evolve.sql", "ALTER TABLE app.customers ADD COLUMN note text;\n"
                        + "ALTER TABLE app.customers DROP COLUMN note;\n"
                        + "ALTER TYPE app.status ADD VALUE 'cancelled' BEFORE 'shipped';\n"
                        + "SET search_path = app;\nCREATE TABLE audit (at timestamptz DEFAULT now());",
                        "DROP TABLE app.audit;")
                .dbmate("007_concurrently.sql", "CREATE INDEX CONCURRENTLY orders_2024_status ON app.orders_2024"
                        + " (status);", "DROP INDEX CONCURRENTLY app.orders_2024_status;");
    }

    @Test
    void nothingIsReportedRightAfterMigratingARichProject() throws Exception {
        richProject();
        Cli cli = cli();
        Cli.Result migrate = cli.run("migrate");
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        Cli.Result drift = cli.run("drift");
        assertThat(drift.exit()).as(drift.all()).isZero();
        assertThat(drift.out()).contains("no drift: the schema matches the 7 applied migrations");
    }

    @Test
    void theSchemaCairnMadeForItsHistoryTableIsNotDrift() throws Exception {
        new MigrationDir(cwd.resolve("db/migrations")).dbmate("001_t.sql", "CREATE TABLE t (id int);",
                "DROP TABLE t;");
        Cli cli = cli();
        assertThat(cli.run("migrate", "--table", "ops.cairn_history").exit()).isZero();
        Cli.Result drift = cli.run("drift", "--table", "ops.cairn_history");
        assertThat(drift.exit()).as(drift.all()).isZero();
        execute("CREATE TABLE ops.extra (id int)");
        Cli.Result changed = cli.run("drift", "--table", "ops.cairn_history");
        assertThat(changed.exit()).as(changed.all()).isEqualTo(4);
        assertThat(changed.out()).contains("table ops.extra: in the database, not in the migrations")
                .doesNotContain("cairn_history");
    }

    @Test
    void rolledBackMigrationsAreNotReplayed() throws Exception {
        richProject().dbmate("008_temp.sql", "CREATE TABLE app.temp_thing (x int);", "DROP TABLE app.temp_thing;");
        Cli cli = cli();
        assertThat(cli.run("migrate", "--target", "007").exit()).isZero();
        assertThat(cli.run("migrate").exit()).isZero();
        Cli.Result rollback = cli.run("rollback", "--steps", "1", "--yes");
        assertThat(rollback.exit()).as(rollback.all()).isZero();
        Cli.Result drift = cli.run("drift");
        assertThat(drift.exit()).as(drift.all()).isZero();
        assertThat(drift.out()).contains("7 applied migrations");
    }

    @Test
    void aMigrationRunAgainByRerunModifiedIsReplayedAsItRanAndNotAfterItsRollback() throws Exception {
        richProject().dbmate("008_temp.sql", "CREATE TABLE app.temp_thing (x int);", "DROP TABLE app.temp_thing;");
        Cli cli = cli();
        assertThat(cli.run("migrate").exit()).isZero();
        richProject().dbmate("008_temp.sql", "CREATE TABLE IF NOT EXISTS app.temp_thing (x int);"
                + " ALTER TABLE app.temp_thing ADD COLUMN IF NOT EXISTS y int;", "DROP TABLE app.temp_thing;");
        Cli.Result rerun = cli.run("migrate", "--rerun-modified");
        assertThat(rerun.exit()).as(rerun.all()).isZero();
        Cli.Result drift = cli.run("drift");
        assertThat(drift.exit()).as(drift.all()).isZero();

        assertThat(cli.run("rollback", "--steps", "1", "--yes").exit()).isZero();
        Cli.Result after = cli.run("drift");
        assertThat(after.exit()).as(after.all()).isZero();
        assertThat(after.out()).contains("7 applied migrations");
    }

    @Test
    void nothingIsReportedAfterMigratingTheQuickstartExample() throws Exception {
        Path from = ExamplesTest.examples().resolve("quickstart");
        Path to = Files.createDirectories(cwd.resolve("quickstart"));
        try (Stream<Path> files = Files.list(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(p.getFileName().toString()));
            }
        }
        Cli cli = cli();
        assertThat(cli.run("migrate", "--dir", to.toString()).exit()).isZero();
        Cli.Result drift = cli.run("drift", "--dir", to.toString());
        assertThat(drift.exit()).as(drift.all()).isZero();
        assertThat(drift.out()).contains("no drift: the schema matches the 4 applied migrations");
    }

    @Test
    void handMadeChangesAreEachNamed() throws Exception {
        richProject();
        Cli cli = cli();
        assertThat(cli.run("migrate").exit()).isZero();
        execute("ALTER TABLE app.customers ADD COLUMN drift_col int",
                "DROP INDEX app.customers_name_trgm",
                "CREATE OR REPLACE FUNCTION app.order_count(c uuid) RETURNS bigint LANGUAGE sql STABLE AS"
                        + " $$ SELECT 42::bigint $$",
                "ALTER TABLE app.customers ALTER COLUMN tenant DROP DEFAULT",
                "DROP TRIGGER customers_touch ON app.customers",
                "DROP POLICY tenant_isolation ON app.customers",
                "ALTER TYPE app.status ADD VALUE 'lost'",
                "CREATE TABLE public.stray (id int)");
        Cli.Result drift = cli.run("drift");
        assertThat(drift.exit()).as(drift.all()).isEqualTo(4);
        assertThat(drift.out()).contains(
                "column app.customers.drift_col: in the database, not in the migrations",
                "index app.customers_name_trgm: in the migrations, not in the database",
                "function app.order_count(c uuid): differs at line 5 of its definition: the migrations give AS"
                        + " $function$ SELECT count(*) FROM app.orders WHERE customer_id = c $function$; the database"
                        + " has AS $function$ SELECT 42::bigint $function$\n",
                "column app.customers.tenant: differs: the migrations give text NOT NULL DEFAULT"
                        + " current_setting('app.tenant'::text, true); the database has text NOT NULL",
                "trigger app.customers.customers_touch: in the migrations, not in the database",
                "policy app.customers.tenant_isolation: in the migrations, not in the database",
                "type app.status: differs",
                "table public.stray: in the database, not in the migrations",
                "column public.stray.id: in the database, not in the migrations",
                "9 differences between the database and its 7 applied migrations");

        Cli.Result json = cli.run("drift", "--json");
        assertThat(json.exit()).isEqualTo(4);
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("drifted").asBoolean()).isTrue();
        assertThat(root.get("replayed").asInt()).isEqualTo(7);
        JsonNode first = root.get("differences").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("kind", "object", "change", "expected", "actual");
        assertThat(root.get("differences").findValuesAsText("object")).contains("app.customers.drift_col");
    }

    @Test
    void aScratchServerThatRefusesConnectionsIsExitOneAndTheTargetIsUntouched() throws Exception {
        richProject();
        Cli cli = cli();
        assertThat(cli.run("migrate").exit()).isZero();
        String before = schemaText();
        Cli.Result drift = cli.run("drift", "--scratch-url", "postgres://postgres@127.0.0.1:1/postgres");
        assertThat(drift.exit()).as(drift.all()).isEqualTo(1);
        assertThat(drift.err()).contains("127.0.0.1:1");
        assertThat(schemaText()).isEqualTo(before);
    }

    @Test
    void aRoleThatMayNotCreateDatabasesIsExitTwoNamingTheFix() throws Exception {
        String role = "cairn_t_nocreate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute("CREATE ROLE " + role + " LOGIN NOCREATEDB", "GRANT ALL ON SCHEMA public TO " + role,
                "GRANT CREATE ON DATABASE " + database + " TO " + role);
        try {
            new MigrationDir(cwd.resolve("db/migrations")).dbmate("001_t.sql", "CREATE TABLE t (id int);",
                    "DROP TABLE t;");
            Cli cli = new Cli(cwd).env("DATABASE_URL", url.jdbcUrl() + (url.jdbcUrl().contains("?") ? "&" : "?")
                    + "user=" + role).env("CAIRN_SCRATCH_EMBEDDED", "never");
            Cli.Result migrate = cli.run("migrate");
            assertThat(migrate.exit()).as(migrate.all()).isZero();
            String before = schemaText();
            for (String command : new String[] {"drift", "verify"}) {
                Cli.Result r = cli.run(command);
                assertThat(r.exit()).as(r.all()).isEqualTo(2);
                assertThat(r.err()).contains("the role " + role + " may not create databases")
                        .contains("--scratch-url URL").contains("ALTER ROLE " + role + " CREATEDB")
                        .contains("(the embedded PostgreSQL is not used: CAIRN_SCRATCH_EMBEDDED=never)");
            }
            assertThat(schemaText()).isEqualTo(before);
        } finally {
            execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    @Test
    void aRoleThatMayNotCreateDatabasesReplaysOnTheEmbeddedPostgresAndSaysSo() throws Exception {
        String role = "cairn_t_nocreate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute("CREATE ROLE " + role + " LOGIN NOCREATEDB", "GRANT ALL ON SCHEMA public TO " + role,
                "GRANT CREATE ON DATABASE " + database + " TO " + role);
        try {
            new MigrationDir(cwd.resolve("db/migrations")).dbmate("001_t.sql", "CREATE TABLE t (id int PRIMARY KEY);",
                    "DROP TABLE t;").dbmate("002_f.sql", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS"
                    + " 'SELECT 1';", "DROP FUNCTION f();");
            Cli cli = new Cli(cwd).env("DATABASE_URL", url.jdbcUrl() + (url.jdbcUrl().contains("?") ? "&" : "?")
                    + "user=" + role);
            assertThat(cli.run("migrate").exit()).isZero();
            Cli.Result clean = cli.run("drift");
            assertThat(clean.exit()).as(clean.all()).isZero();
            assertThat(clean.err()).contains("the role " + role + " may not create databases on")
                    .contains("replaying on the embedded PostgreSQL 15 bundled with cairn, in a temporary directory"
                            + " removed afterwards");
            assertThat(clean.out()).contains("no drift: the schema matches the 2 applied migrations");
            execute("ALTER TABLE t ADD COLUMN drift_col text");
            String before = schemaText();
            Cli.Result drifted = cli.run("drift");
            assertThat(drifted.exit()).as(drifted.all()).isEqualTo(4);
            assertThat(drifted.out()).contains("column public.t.drift_col: in the database, not in the migrations");
            Cli.Result verify = cli.run("verify");
            assertThat(verify.exit()).as(verify.all()).isZero();
            assertThat(verify.err()).contains("replaying on the embedded PostgreSQL");
            assertThat(schemaText()).isEqualTo(before);
        } finally {
            execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    @Test
    void grantsAreComparedOnRequest() throws Exception {
        String role = "cairn_t_grantee_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute("CREATE ROLE " + role);
        try {
            new MigrationDir(cwd.resolve("db/migrations")).dbmate("001_t.sql", "CREATE TABLE t (id int);\n"
                    + "GRANT SELECT ON t TO " + role + ";",
                    "DROP TABLE t;");
            Cli cli = cli();
            assertThat(cli.run("migrate").exit()).isZero();
            Cli.Result clean = cli.run("drift", "--grants");
            assertThat(clean.exit()).as(clean.all()).isZero();
            execute("GRANT INSERT ON t TO " + role);
            assertThat(cli.run("drift").exit()).as("without --grants, privileges are not compared").isZero();
            Cli.Result drifted = cli.run("drift", "--grants");
            assertThat(drifted.exit()).as(drifted.all()).isEqualTo(4);
            assertThat(drifted.out()).contains("grant on table public.t to " + role);
            Cli.Result snapshot = cli.run("snapshot", "--grants", "--json");
            assertThat(snapshot.exit()).as(snapshot.all()).isZero();
            assertThat(snapshot.out()).contains("\"grantee\": \"" + role + "\"").contains("\"privileges\": \"INSERT,"
                    + " SELECT\"");
            assertThat(cli.run("snapshot", "--json").out()).contains("\"grants\": []");
        } finally {
            execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    @Test
    void aMigrationThatCannotBeReplayedIsExitOneAndNamesIt() throws Exception {
        new MigrationDir(cwd.resolve("db/migrations")).dbmate("001_t.sql", "CREATE TABLE t (id int);",
                "DROP TABLE t;");
        Cli cli = cli();
        assertThat(cli.run("migrate").exit()).isZero();
        execute("UPDATE cairn_history SET up_sql = 'CREATE TABLE t (id int); SELECT * FROM nowhere;'");
        Cli.Result drift = cli.run("drift");
        assertThat(drift.exit()).as(drift.all()).isEqualTo(1);
        assertThat(drift.err()).contains("migration 001 (001_t.sql:1) failed when replayed from the history on the"
                + " scratch database cairn_scratch_").contains("nowhere");
    }

    @Test
    void anInterruptedDriftDropsItsScratchDatabase() throws Exception {
        new MigrationDir(cwd.resolve("db/migrations")).dbmate("001_slow.sql", "CREATE TABLE t (id int);",
                "DROP TABLE t;");
        assertThat(cli().run("migrate").exit()).isZero();
        execute("UPDATE cairn_history SET up_sql = 'CREATE TABLE t (id int); SELECT pg_sleep(60);'");
        Path log = cwd.resolve("drift.log");
        Process child = ChildRunner.start(log, "drift", "--url", urlText(), "--dir",
                cwd.resolve("db/migrations").toString());
        try {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (scratchDatabases().size() <= scratchBefore.size() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(scratchDatabases()).as(Files.exists(log) ? Files.readString(log) : "no log")
                    .hasSizeGreaterThan(scratchBefore.size());
            Thread.sleep(500);
        } finally {
            child.destroy();
            child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(scratchDatabases()).as("Ctrl-C (SIGTERM) drops the scratch database").isEqualTo(scratchBefore);
    }

    private String schemaText() throws SQLException {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties())) {
            return String.join("\n", dev.cairn.testing.SchemaSnapshot.of(c));
        }
    }
}
