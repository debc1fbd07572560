package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cairn lint with a database: the pending statements run on a scratch database built from the
 * applied migrations; what is observed confirms or refutes the static rules and the live sizes set
 * the severity. The target never changes and the scratch database is always dropped.
 */
class LintObservedCliTest {

    @TempDir
    Path cwd;

    private String database;
    private DatabaseUrl url;
    private MigrationDir dir;
    private List<String> scratchBefore;

    @BeforeEach
    void applied() throws SQLException {
        database = "cairn_lint_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        url = TestDatabase.create(database);
        scratchBefore = DriftCliTest.scratchDatabases();
        dir = new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_tables.sql", "CREATE TABLE orders (id int PRIMARY KEY, note varchar(20), status text);\n"
                        + "CREATE TABLE tiny (id int, label text);\nCREATE TABLE empty (id int);\n"
                        + "ALTER TABLE orders ADD CONSTRAINT status_nn CHECK (status IS NOT NULL);",
                        "DROP TABLE orders, tiny, empty;");
        Cli.Result m = cli().run("migrate");
        assertThat(m.exit()).as(m.all()).isZero();
        execute("INSERT INTO orders SELECT g, 'n', 's' FROM generate_series(1, 20000) g",
                "INSERT INTO tiny VALUES (1, 'a'), (2, 'b')", "ANALYZE orders", "ANALYZE tiny");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        TestDatabase.drop(database);
        Set<String> left = new HashSet<>(DriftCliTest.scratchDatabases());
        scratchBefore.forEach(left::remove);
        assertThat(left).as("no scratch database is left behind").isEmpty();
    }

    private Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", url.jdbcUrl() + (url.jdbcUrl().contains("?") ? "&" : "?") + "user="
                + url.user().orElse("postgres"));
    }

    private JsonNode lintJson(int exit) throws Exception {
        Cli.Result r = cli().run("lint", "--json");
        assertThat(r.exit()).as(r.all()).isEqualTo(exit);
        return new ObjectMapper().readTree(r.out());
    }

    private static List<String> rules(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.get("findings").forEach(f -> out.add(f.get("rule").asText() + "@" + f.get("line").asInt() + ":"
                + f.get("severity").asText()));
        return out;
    }

    @Test
    void observationKeepsWhatRewritesAndDropsWhatDoesNot() throws Exception {
        dir.dbmate("002_types.sql", "ALTER TABLE orders ALTER COLUMN note TYPE varchar(200);\n"
                + "ALTER TABLE orders ALTER COLUMN id TYPE bigint;\n"
                + "ALTER TABLE tiny ALTER COLUMN id TYPE bigint;", "SELECT 1;");
        JsonNode doc = lintJson(4);
        assertThat(doc.get("summary").get("mode").asText()).isEqualTo("observed");
        // Growing a varchar does not rewrite: no finding. int to bigint rewrites: large table error, tiny warning.
        assertThat(rules(doc)).containsExactly("changing-column-type@3:error", "changing-column-type@4:warning");
        JsonNode f = doc.get("findings").get(0);
        assertThat(f.get("message").asText()).startsWith("observed: changing orders.id to bigint rewrites the table")
                .contains("(public.orders: ≈20 k rows, ");
        assertThat(f.get("evidence").get("rewrites").get(0).asText()).isEqualTo("public.orders");
        assertThat(f.get("evidence").get("locks").get(0).get("mode").asText()).isEqualTo("AccessExclusiveLock");
        assertThat(f.get("evidence").get("rows").asLong()).isEqualTo(20000);
        assertThat(f.get("evidence").get("bytes").asLong()).isPositive();
    }

    @Test
    void scansAndCheckBackedNotNull() throws Exception {
        dir.dbmate("002_not_null.sql", "ALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n"
                + "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;\n"
                + "ALTER TABLE orders ADD CONSTRAINT pos CHECK (id > 0) NOT VALID;\n"
                + "ALTER TABLE orders VALIDATE CONSTRAINT pos;\n"
                + "ALTER TABLE tiny ADD CONSTRAINT lab CHECK (label <> '');", "SELECT 1;");
        JsonNode doc = lintJson(4);
        // status is proven by the applied, validated CHECK: instant. note is not: it scans.
        assertThat(rules(doc)).containsExactly("adding-not-nullable-field@3:error",
                "constraint-missing-not-valid@6:warning");
        assertThat(doc.get("findings").get(0).get("evidence").get("scans").get(0).asText())
                .isEqualTo("SET NOT NULL reads all of public.orders to check note");
    }

    @Test
    void indexesAndTablesMadeByAnEarlierPendingMigrationAreNew() throws Exception {
        dir.dbmate("002_new.sql", "CREATE TABLE fresh (id int);", "DROP TABLE fresh;")
                .dbmate("003_idx.sql", "CREATE INDEX fresh_id ON fresh (id);\nCREATE INDEX tiny_id ON tiny (id);\n"
                        + "CREATE INDEX orders_note ON orders (note);", "SELECT 1;");
        JsonNode doc = lintJson(4);
        assertThat(rules(doc)).containsExactly("require-concurrent-index-creation@3:warning",
                "require-concurrent-index-creation@4:error");
        assertThat(doc.get("findings").get(1).get("evidence").get("locks").get(0).get("mode").asText())
                .isEqualTo("ShareLock");
    }

    @Test
    void aRequiredFieldFailsOnlyWhereTheLiveTableHasRows() throws Exception {
        dir.dbmate("002_req.sql", "ALTER TABLE orders ADD COLUMN region text NOT NULL;\n"
                + "ALTER TABLE empty ADD COLUMN region text NOT NULL;", "SELECT 1;");
        JsonNode doc = lintJson(4);
        assertThat(rules(doc)).containsExactly("adding-required-field@2:error", "adding-required-field@3:warning");
        assertThat(doc.get("findings").get(1).get("message").asText()).contains("the live table is empty now");
    }

    @Test
    void aStatementThatFailsOnTheScratchDatabaseIsAnError() throws Exception {
        dir.dbmate("002_bad.sql", "ALTER TABLE nowhere ADD COLUMN x int;", "SELECT 1;");
        JsonNode doc = lintJson(4);
        assertThat(rules(doc)).containsExactly("statement-fails@2:error");
        assertThat(doc.get("findings").get(0).get("message").asText()).contains("42P01").contains("nowhere");
    }

    @Test
    void theTargetIsNeverChanged() throws Exception {
        dir.dbmate("002_all.sql", "ALTER TABLE orders ALTER COLUMN id TYPE bigint;\nDROP TABLE tiny;\n"
                + "CREATE TABLE made (id int);", "SELECT 1;");
        String before = state();
        Cli.Result r = cli().run("lint");
        assertThat(r.exit()).as(r.all()).isEqualTo(4);
        assertThat(r.out()).contains("2:1  error   changing-column-type").contains("3:1  error   ban-drop-table")
                .contains("    locks: AccessExclusiveLock on public.orders, ShareLock on public.orders; rewrote public.orders\n")
                .contains("(observed on a scratch database)");
        assertThat(state()).isEqualTo(before);
        Cli.Result status = cli().run("status");
        assertThat(status.out()).contains("002");
        assertThat(cli().run("migrate", "--dry-run").out()).contains("002_all.sql");
    }

    @Test
    void withStaticTheDatabaseIsNotUsed() throws Exception {
        dir.dbmate("002_types.sql", "ALTER TABLE orders ALTER COLUMN note TYPE varchar(200);", "SELECT 1;");
        Cli.Result r = cli().run("lint", "--static");
        // The static rules know note was varchar(20) from 001: growing it is fine.
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("(static rules only)");
    }

    @Test
    void migrateLintsFirstWarnsByDefaultAndRefusesWhenConfiguredOrProtected() throws Exception {
        dir.dbmate("002_idx.sql", "CREATE INDEX orders_note ON orders (note);", "DROP INDEX orders_note;");
        java.nio.file.Files.writeString(cwd.resolve("cairn.toml"), "lint = \"error\"\n");
        Cli.Result refused = cli().run("migrate");
        assertThat(refused.exit()).as(refused.all()).isEqualTo(4);
        assertThat(refused.err()).contains("lint error: db/migrations/002_idx.sql:2:1 require-concurrent-index-creation")
                .contains("1 error-level lint finding in the pending migrations (require-concurrent-index-creation)"
                        + " with lint = \"error\"; nothing was applied");
        assertThat(history()).isEqualTo(1);
        java.nio.file.Files.writeString(cwd.resolve("cairn.toml"), "[env.production]\n");
        Cli.Result prod = cli().run("migrate", "--env", "production", "--no-backup");
        assertThat(prod.exit()).as(prod.all()).isEqualTo(4);
        assertThat(prod.err()).contains("in a protected environment; nothing was applied")
                .contains("--accept-risk require-concurrent-index-creation");
        assertThat(history()).isEqualTo(1);
        assertThat(cli().run("migrate", "--env", "production", "--no-backup", "--accept-risk", "no-such-rule").exit())
                .isEqualTo(2);
        Cli.Result accepted = cli().run("migrate", "--env", "production", "--no-backup", "--accept-risk",
                "require-concurrent-index-creation");
        assertThat(accepted.exit()).as(accepted.all()).isZero();
        assertThat(accepted.err()).contains("lint accepted: db/migrations/002_idx.sql:2:1");
        assertThat(history()).isEqualTo(2);
        // The default, warn: findings on standard error, the migration applied.
        java.nio.file.Files.delete(cwd.resolve("cairn.toml"));
        dir.dbmate("003_drop.sql", "ALTER TABLE tiny DROP COLUMN label;", "SELECT 1;");
        Cli.Result warned = cli().run("migrate");
        assertThat(warned.exit()).as(warned.all()).isZero();
        assertThat(warned.err()).contains("lint error: db/migrations/003_drop.sql:2:1 ban-drop-column");
        assertThat(history()).isEqualTo(3);
    }

    @Test
    void migrateWithLintObservesAndOffSkips() throws Exception {
        java.nio.file.Files.writeString(cwd.resolve("cairn.toml"), "[lint]\nmigrate = \"error\"\n");
        dir.dbmate("002_grow.sql", "ALTER TABLE orders ALTER COLUMN note TYPE varchar(200);", "SELECT 1;");
        // Observed: growing a varchar does not rewrite, so nothing refuses it.
        Cli.Result r = cli().run("migrate", "--lint");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.err()).doesNotContain("lint");
        dir.dbmate("003_type.sql", "ALTER TABLE orders ALTER COLUMN id TYPE bigint;", "SELECT 1;");
        Cli.Result refused = cli().run("migrate", "--lint");
        assertThat(refused.exit()).as(refused.all()).isEqualTo(4);
        assertThat(refused.err()).contains("lint error: db/migrations/003_type.sql:2:1 changing-column-type: observed:");
        java.nio.file.Files.writeString(cwd.resolve("cairn.toml"), "lint = \"off\"\n");
        Cli.Result off = cli().run("migrate");
        assertThat(off.exit()).as(off.all()).isZero();
        assertThat(off.err()).doesNotContain("lint");
        assertThat(history()).isEqualTo(3);
    }

    private long history() throws SQLException {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM cairn_history")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The target's tables, their storage, columns and history, as one text. */
    private String state() throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.relname, c.relfilenode, a.attname, format_type(a.atttypid,"
                     + " a.atttypmod), a.attnotnull FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND a.attnum > 0"
                     + " ORDER BY 1, 3")) {
            while (rs.next()) {
                b.append(rs.getString(1)).append(' ').append(rs.getLong(2)).append(' ').append(rs.getString(3))
                        .append(' ').append(rs.getString(4)).append(' ').append(rs.getBoolean(5)).append('\n');
            }
        }
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM cairn_history")) {
            rs.next();
            b.append("history ").append(rs.getLong(1));
        }
        return b.toString();
    }

    private void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties()); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}
