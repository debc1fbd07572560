package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fan-out at a realistic size on one server: 50 databases from a targets file and 200 tenant schemas
 * from a query, with failures injected into a few (a conflicting table, a session terminated while it
 * migrates, an unreachable host in the list). Exactly those fail; every other target is fully migrated;
 * two fan-outs racing over overlapping schemas apply nothing twice.
 */
class FanoutCliTest {

    static final int DATABASES = 50;
    static final int SCHEMAS = 200;
    static final int MIGRATIONS = 5;
    /** A password in every target URL (the local server trusts; the password must never be printed). */
    static final String SECRET = "s3cretFanPw";

    static final String PREFIX = "cairn_fan_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
    static final List<String> names = new ArrayList<>();
    static final ExecutorService admin = Executors.newFixedThreadPool(4);
    static String tenants;

    @TempDir
    static Path cwd;

    @BeforeAll
    static void setUp() throws Exception {
        MigrationDir dir = new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, name text);",
                        "DROP TABLE accounts;")
                .dbmate("002_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, account bigint"
                        + " REFERENCES accounts);", "DROP TABLE orders;")
                // A session ended by the server half-way: injected where a kill_me table exists.
                .dbmate("003_audit.sql", "CREATE TABLE audit (at timestamptz DEFAULT now());\nDO $$ BEGIN IF"
                        + " to_regclass('kill_me') IS NOT NULL THEN PERFORM pg_terminate_backend(pg_backend_pid());"
                        + " END IF; END $$;", "DROP TABLE audit;")
                .dbmate("004_index.sql", "CREATE INDEX orders_account ON orders (account);", "DROP INDEX orders_account;")
                .dbmate("005_view.sql", "CREATE VIEW order_counts AS SELECT account, count(*) FROM orders GROUP BY 1;",
                        "DROP VIEW order_counts;");
        assertThat(dir.path()).isDirectory();
        List<CompletableFuture<Void>> created = new ArrayList<>();
        for (int i = 0; i <= DATABASES + 1; i++) {
            String name = PREFIX + String.format("%02d", i);
            names.add(name);
            created.add(CompletableFuture.runAsync(() -> unchecked(() -> TestDatabase.create(name)), admin));
        }
        created.forEach(CompletableFuture::join);
        // The one after the 50 holds the tenant schemas; the last stays empty.
        tenants = names.get(DATABASES);
        StringBuilder ddl = new StringBuilder();
        for (int i = 0; i < SCHEMAS; i++) {
            ddl.append("CREATE SCHEMA tenant_").append(String.format("%03d", i)).append(";");
        }
        db(tenants).execute(ddl.toString(), "CREATE TABLE tenant_013.orders (id int)",
                "CREATE TABLE tenant_077.kill_me ()");
        db(names.get(9)).execute("CREATE TABLE orders (id int)");
        db(names.get(19)).execute("CREATE TABLE kill_me ()");
    }

    @AfterAll
    static void tearDown() {
        List<CompletableFuture<Void>> dropped = names.stream().map(n -> CompletableFuture.runAsync(() ->
                unchecked(() -> {
                    TestDatabase.drop(n);
                    return n;
                }), admin)).toList();
        dropped.forEach(CompletableFuture::join);
        admin.shutdown();
    }

    @Test
    void fiftyDatabasesFromATargetsFileOnlyTheBrokenOnesFail() throws Exception {
        StringBuilder file = new StringBuilder("# every customer database\n\n");
        for (int i = 0; i < DATABASES; i++) {
            file.append(url(names.get(i))).append('\n');
            if (i == 30) {
                file.append("postgres://postgres:").append(SECRET).append("@127.0.0.1:1/gone   \n# retired\n");
            }
        }
        Files.writeString(cwd.resolve("targets.txt"), file);

        Cli.Result r = cli().run("migrate", "--targets", "targets.txt", "--parallel", "6");

        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.all()).doesNotContain(SECRET);
        List<String> failed = r.out().lines().filter(l -> l.startsWith("  FAILED ")).toList();
        assertThat(failed).as(r.all()).hasSize(3);
        assertThat(failed).anyMatch(l -> l.contains("/" + names.get(9) + " "))
                .anyMatch(l -> l.contains("/" + names.get(19) + " ")).anyMatch(l -> l.contains("127.0.0.1:1/gone"));
        assertThat(r.out().lines().filter(l -> l.startsWith("  ok ")).count()).isEqualTo(DATABASES - 2);
        assertThat(r.out()).contains("migrate on 51 targets: 48 ok, 3 failed, 0 skipped in ")
                .contains("failed: postgres@127.0.0.1:1/gone (exit 1)")
                .contains("failed: " + shown() + names.get(9) + " (exit 1)")
                .contains("002_orders.sql").contains("already exists");
        for (int i = 0; i < DATABASES; i++) {
            List<String> applied = db(names.get(i)).column("SELECT version FROM cairn_history WHERE status ="
                    + " 'SUCCESS' ORDER BY id");
            List<String> expected = i == 9 ? List.of("001") : i == 19 ? List.of("001", "002")
                    : List.of("001", "002", "003", "004", "005");
            assertThat(applied).as(names.get(i)).isEqualTo(expected);
        }
        assertThat(db(names.get(19)).column("SELECT to_regclass('audit')::text")).containsExactly((String) null);

        // The list again: the fixed-up targets catch up, the others are up to date.
        db(names.get(9)).execute("DROP TABLE orders");
        db(names.get(19)).execute("DROP TABLE kill_me");
        Cli.Result again = cli().run("migrate", "--targets", "targets.txt", "--json");
        JsonNode doc = new ObjectMapper().readTree(again.out());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(doc.at("/summary/ok").asInt()).isEqualTo(DATABASES);
        assertThat(doc.at("/summary/failed").asInt()).isEqualTo(1);
        Map<String, JsonNode> byTarget = new HashMap<>();
        doc.get("targets").forEach(t -> byTarget.put(t.get("target").asText(), t));
        assertThat(byTarget.get(shown() + names.get(9)).get("applied").toString())
                .isEqualTo("[\"002_orders.sql\",\"003_audit.sql\",\"004_index.sql\",\"005_view.sql\"]");
        assertThat(byTarget.get(shown() + names.get(0)).get("applied").size()).isZero();
        JsonNode gone = byTarget.get("postgres@127.0.0.1:1/gone");
        assertThat(gone.get("status").asText()).isEqualTo("failed");
        assertThat(gone.get("error").asText()).contains("127.0.0.1:1");
        assertThat(gone.get("durationMs").isNumber()).isTrue();
        assertThat(again.all()).doesNotContain(SECRET);
    }

    @Test
    void twoHundredTenantSchemasTwoRacingFanOutsApplyEachMigrationOnce() throws Exception {
        String query = "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' AND nspname COND ORDER BY 1";
        CompletableFuture<Cli.Result> a = CompletableFuture.supplyAsync(() -> cli().run("migrate", "--url",
                url(tenants), "--schemas-query", query.replace("COND", "< 'tenant_150'"), "--parallel", "4", "--json"));
        CompletableFuture<Cli.Result> b = CompletableFuture.supplyAsync(() -> cli().run("migrate", "--url",
                url(tenants), "--schemas-query", query.replace("COND", ">= 'tenant_050'"), "--parallel", "4",
                "--log-format", "json"));
        Cli.Result ra = a.join();
        Cli.Result rb = b.join();

        assertThat(ra.exit()).as(ra.all()).isEqualTo(1);
        assertThat(rb.exit()).as(rb.all()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(ra.out());
        assertThat(doc.at("/summary/ok").asInt()).isEqualTo(148);
        List<String> failedA = new ArrayList<>();
        doc.get("targets").forEach(t -> {
            if (t.get("status").asText().equals("failed")) {
                failedA.add(t.get("schema").asText());
            }
        });
        assertThat(failedA).containsExactly("tenant_013", "tenant_077");
        assertThat(rb.out()).contains("migrate on 150 targets: 149 ok, 1 failed, 0 skipped")
                .contains("failed: " + shown() + tenants + " (schema tenant_077)");
        assertThat(rb.err().lines().filter(l -> l.contains("\"event\":\"migration_applied\"")).toList())
                .isNotEmpty().allMatch(l -> l.contains("\"target\":\"" + shown() + tenants + " (schema"));
        assertThat(ra.all() + rb.all()).doesNotContain(SECRET);

        TestDatabase t = db(tenants);
        // Each version applied once per schema, whichever fan-out applied it.
        assertThat(t.column("SELECT n FROM (SELECT table_schema || ':' || count(*) AS n, table_schema FROM"
                + " information_schema.tables WHERE table_name = 'cairn_history' GROUP BY table_schema) x"))
                .hasSize(SCHEMAS);
        for (int i = 0; i < SCHEMAS; i++) {
            String s = String.format("tenant_%03d", i);
            List<String> rows = t.column("SELECT version FROM " + s + ".cairn_history WHERE status = 'SUCCESS'"
                    + " ORDER BY id");
            List<String> expected = s.equals("tenant_013") ? List.of("001")
                    : s.equals("tenant_077") ? List.of("001", "002") : List.of("001", "002", "003", "004", "005");
            assertThat(rows).as(s).isEqualTo(expected);
        }
        assertThat(t.relations()).as("public is untouched").isEmpty();

        // status --check: pending (3) on tenant_077, a FAILED migration (4) on tenant_013: the highest, 4.
        Cli.Result status = cli().run("status", "--url", url(tenants), "--schemas-query",
                query.replace("COND", "IN ('tenant_012', 'tenant_013', 'tenant_077')"), "--check");
        assertThat(status.exit()).as(status.all()).isEqualTo(4);
        assertThat(status.out()).contains("status on 3 targets: 1 ok, 2 failed, 0 skipped")
                .contains("(schema tenant_077)  2 applied, 3 pending").contains("(schema tenant_013)  1 applied")
                .contains("failed: " + shown() + tenants + " (schema tenant_013) (exit 4)");
        Cli.Result pending = cli().run("status", "--url", url(tenants), "--schemas-query",
                query.replace("COND", "IN ('tenant_012', 'tenant_077')"), "--check");
        assertThat(pending.exit()).as(pending.all()).isEqualTo(3);

        // rollback: confirmed once for the plan; in a protected environment with the number of targets.
        String three = query.replace("COND", "IN ('tenant_000', 'tenant_001', 'tenant_002')");
        Cli.Result unconfirmed = cli().run("rollback", "--url", url(tenants), "--schemas-query", three);
        assertThat(unconfirmed.exit()).isEqualTo(6);
        assertThat(unconfirmed.err()).contains("about to rollback on 3 targets:", "(schema tenant_002)",
                "run again with --yes");
        Cli.Result wrong = cli().run("rollback", "--env", "production", "--url", url(tenants), "--schemas-query",
                three, "--yes", "--confirm", tenants);
        assertThat(wrong.exit()).isEqualTo(6);
        assertThat(wrong.err()).contains("does not match the number of targets, 3");
        assertThat(t.scalar("SELECT count(*) FROM tenant_000.cairn_history WHERE status = 'ROLLED_BACK'")).isEqualTo("0");
        Cli.Result rolled = cli().run("rollback", "--env", "production", "--url", url(tenants), "--schemas-query",
                three, "--yes", "--confirm", "3", "--steps", "1");
        assertThat(rolled.exit()).as(rolled.all()).isZero();
        assertThat(rolled.out()).contains("rollback on 3 targets: 3 ok, 0 failed, 0 skipped");
        assertThat(t.column("SELECT to_regclass(s || '.order_counts')::text FROM unnest(ARRAY['tenant_000',"
                + " 'tenant_001', 'tenant_002', 'tenant_003']) s")).containsExactly(null, null, null,
                "tenant_003.order_counts");
    }

    @Test
    void failFastStartsNoTargetAfterAFailure() throws Exception {
        Files.writeString(cwd.resolve("fast.txt"), "postgres://postgres@127.0.0.1:1/gone\n" + url(names.get(40))
                + "\n" + url(names.get(41)) + "\n");
        Cli.Result r = cli().run("validate", "--targets", "fast.txt", "--parallel", "1", "--fail-fast", "--json");
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("summary").toString()).contains("\"ok\":0,\"failed\":1,\"skipped\":2");
        assertThat(doc.at("/targets/1/status").asText()).isEqualTo("skipped");
    }

    @Test
    void targetsInTheConfigurationFilePerEnvironment() throws Exception {
        Files.writeString(cwd.resolve("cairn.toml"), "[env.staging]\ntargets = [\"" + url(names.get(42)) + "\", \""
                + url(names.get(43)) + "\"]\n");
        try {
            Cli.Result r = cli().run("validate", "--env", "staging");
            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(r.out()).contains("validate on 2 targets: 2 ok, 0 failed, 0 skipped")
                    .contains("/" + names.get(43) + "  valid, 5 migrations");
            // --url runs on that one database instead.
            Cli.Result one = cli().run("validate", "--env", "staging", "--url", url(names.get(42)));
            assertThat(one.out()).startsWith("valid: 5 migrations");
        } finally {
            Files.delete(cwd.resolve("cairn.toml"));
        }
    }

    @Test
    void driftOnEveryTargetButNotPerSchema() throws Exception {
        Files.writeString(cwd.resolve("drift.txt"), url(names.get(44)) + "\n" + url(names.get(45)) + "\n");
        assertThat(cli().run("migrate", "--targets", "drift.txt").exit()).isZero();
        db(names.get(45)).execute("ALTER TABLE accounts ADD COLUMN note text");
        Cli.Result r = cli().run("drift", "--targets", "drift.txt", "--parallel", "2");
        assertThat(r.exit()).as(r.all()).isEqualTo(4);
        assertThat(r.out()).contains("/" + names.get(44) + "  no drift").contains("drift on 2 targets: 1 ok, 1 failed")
                .contains("failed: " + shown() + names.get(45) + " (exit 4)").contains("note");
        Cli.Result perSchema = cli().run("drift", "--url", url(tenants), "--schemas-query", "SELECT 'tenant_000'");
        assertThat(perSchema.exit()).isEqualTo(2);
        assertThat(perSchema.err()).contains("drift compares whole databases");
    }

    @Test
    void lintOnEveryTargetSeesEachOnesPendingMigrations() throws Exception {
        // Two databases of its own: the fifty of the other tests are migrated in whatever order they run.
        String done = PREFIX + "lint_done";
        String behind = PREFIX + "lint_behind";
        TestDatabase.create(done);
        TestDatabase.create(behind);
        try {
            Files.writeString(cwd.resolve("lint.txt"), url(done) + "\n" + url(behind) + "\n");
            assertThat(cli().run("migrate", "--url", url(done)).exit()).isZero();
            assertThat(cli().run("migrate", "--url", url(behind), "--target", "003").exit()).isZero();
            // On 'behind' the index of 004 is built on an existing table without CONCURRENTLY; on 'done'
            // nothing is pending.
            Cli.Result r = cli().run("lint", "--targets", "lint.txt", "--static");
            assertThat(r.out()).as(r.all()).contains("lint on 2 targets")
                    .containsPattern("/" + done + "  0 errors, 0 warnings, 0 info in 0 files")
                    .containsPattern("/" + behind + "  .*in 2 files");
            List<String> behindLine = r.out().lines().filter(l -> l.contains("/" + behind + " ")).toList();
            assertThat(behindLine).as(r.all()).isNotEmpty().noneMatch(l -> l.contains(" 0 errors, 0 warnings"));
            Cli.Result json = cli().run("lint", "--targets", "lint.txt", "--static", "--json");
            assertThat(new ObjectMapper().readTree(json.out()).get("targets")).hasSize(2);
            Cli.Result sarif = cli().run("lint", "--targets", "lint.txt", "--format", "sarif");
            assertThat(sarif.exit()).isEqualTo(2);
            assertThat(sarif.err()).contains("--format sarif lints one database, not a fan-out");
        } finally {
            TestDatabase.drop(done);
            TestDatabase.drop(behind);
        }
    }

    @Test
    void badInputIsAUsageErrorAndRunsNothing() throws Exception {
        String fresh = names.get(DATABASES + 1);
        Files.writeString(cwd.resolve("bad.txt"), url(fresh) + "\n# next\nmysql://root:" + SECRET + "@db/x\n");
        Cli.Result bad = cli().run("migrate", "--targets", "bad.txt");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.txt:3: database URL").doesNotContain(SECRET);

        Files.writeString(cwd.resolve("empty.txt"), "# nothing yet\n\n");
        assertThat(cli().run("migrate", "--targets", "empty.txt").err())
                .contains("targets file empty.txt names no database");
        Cli.Result missing = cli().run("migrate", "--targets", "nope.txt");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("targets file nope.txt does not exist");

        Cli.Result failing = cli().run("migrate", "--url", url(tenants), "--schemas-query", "SELECT nspname FROM nowhere");
        assertThat(failing.exit()).isEqualTo(2);
        assertThat(failing.err()).contains("--schemas-query failed", "nowhere").doesNotContain(SECRET);
        Cli.Result none = cli().run("migrate", "--url", url(tenants), "--schemas-query",
                "SELECT nspname FROM pg_namespace WHERE false");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("--schemas-query returned no schemas");

        Cli.Result zero = cli().run("migrate", "--targets", "bad.txt", "--parallel", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--parallel 0: give how many targets run at once, 1 or more");
        assertThat(cli().run("migrate", "--url", url(fresh), "--parallel", "2").err())
                .contains("--parallel goes with a fan-out");
        assertThat(db(fresh).column("SELECT to_regclass('cairn_history')::text")).containsExactly((String) null);
    }

    private Cli cli() {
        return new Cli(cwd).env("CI", "true");
    }

    /** A target as the output shows it: user@host:port/ of the test server (local or embedded), no password. */
    static String shown() {
        DatabaseUrl a = PostgresServer.admin();
        return a.user().orElse("postgres") + "@" + a.host() + ":" + a.port() + "/";
    }

    static String url(String database) {
        DatabaseUrl a = PostgresServer.admin();
        return "postgres://" + a.user().orElse("postgres") + ":" + SECRET + "@" + a.host() + ":" + a.port() + "/"
                + database;
    }

    static TestDatabase db(String name) {
        return TestDatabase.attach(name, PostgresServer.admin().withDatabase(name));
    }

    interface Step {
        Object run() throws Exception;
    }

    static void unchecked(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
