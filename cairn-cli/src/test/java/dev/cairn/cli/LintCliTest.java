package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.MigrationDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cairn lint without a database: static rules on the files, every output format, ignores, exit codes. */
class LintCliTest {

    @TempDir
    Path cwd;

    private MigrationDir dir;

    @BeforeEach
    void files() {
        dir = new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_orders.sql", "CREATE TABLE orders (id bigint, note text);\nCREATE INDEX orders_note ON orders (note);",
                        "DROP TABLE orders;")
                .dbmate("002_index.sql", "CREATE INDEX orders_id ON orders (id);", "DROP INDEX orders_id;");
    }

    private Cli cli() {
        return new Cli(cwd);
    }

    @Test
    void withoutADatabaseEveryFileIsLintedStaticallyAndAnErrorExitsFour() {
        Cli.Result r = cli().run("lint");
        assertThat(r.exit()).as(r.all()).isEqualTo(4);
        assertThat(r.out()).contains("""
                db/migrations/002_index.sql
                  2:1  error   require-concurrent-index-creation
                    CREATE INDEX on orders takes a SHARE lock: writes to the table wait until the index is built
                    | CREATE INDEX orders_id ON orders (id);
                    safer:
                    | CREATE INDEX CONCURRENTLY orders_id ON orders (id);
                """).contains("1 error, 0 warnings, 0 info in 2 files, 3 statements (static rules only)");
        // The index on the table created in the same migration is fine: no finding for 001.
        assertThat(r.out()).doesNotContain("001_orders.sql");
        assertThat(r.err()).doesNotContain("embedded");
    }

    @Test
    void aCleanRunExitsZero() {
        dir.dbmate("002_index.sql", "CREATE INDEX CONCURRENTLY orders_id ON orders (id);", "DROP INDEX orders_id;");
        Cli.Result r = cli().run("lint");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("0 errors, 0 warnings, 0 info in 2 files");
    }

    @Test
    void givenFilesAreLintedWithTheStateOfTheFilesBeforeThem() {
        dir.dbmate("003_more.sql", "ALTER TABLE orders ALTER COLUMN note TYPE varchar(10);", "");
        Cli.Result r = cli().run("lint", "db/migrations/001_orders.sql");
        assertThat(r.exit()).as(r.all()).isZero();
        Cli.Result three = cli().run("lint", "--json", "db/migrations/003_more.sql");
        assertThat(three.exit()).as(three.all()).isEqualTo(4);
        assertThat(three.out()).contains("\"rule\" : \"changing-column-type\"").contains("from text to varchar(10)")
                .doesNotContain("002_index");
        Path plain = cwd.resolve("adhoc.sql");
        write(plain, "SELECT 1;\nALTER TABLE orders DROP COLUMN note;\n");
        Cli.Result p = cli().run("lint", "adhoc.sql");
        assertThat(p.exit()).isEqualTo(4);
        assertThat(p.out()).contains("adhoc.sql\n  2:1  error   ban-drop-column");
        assertThat(cli().run("lint", "nowhere.sql").exit()).isEqualTo(2);
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        Cli.Result r = cli().run("lint", "--json");
        assertThat(r.exit()).isEqualTo(4);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode f = doc.get("findings").get(0);
        assertThat(f.get("rule").asText()).isEqualTo("require-concurrent-index-creation");
        assertThat(f.get("severity").asText()).isEqualTo("error");
        assertThat(f.get("file").asText()).isEqualTo("db/migrations/002_index.sql");
        assertThat(f.get("line").asInt()).isEqualTo(2);
        assertThat(f.get("column").asInt()).isEqualTo(1);
        assertThat(f.get("statement").asText()).isEqualTo("CREATE INDEX orders_id ON orders (id);");
        assertThat(f.get("evidence").get("locks").isArray()).isTrue();
        assertThat(f.get("evidence").get("rewrites").isArray()).isTrue();
        assertThat(f.get("evidence").get("rows").isNull()).isTrue();
        assertThat(f.get("message").asText()).isNotBlank();
        assertThat(f.get("safer").asText()).startsWith("CREATE INDEX CONCURRENTLY");
        JsonNode s = doc.get("summary");
        assertThat(s.get("errors").asInt()).isEqualTo(1);
        assertThat(s.get("mode").asText()).isEqualTo("static");
        assertThat(s.get("unused_ignores").isArray()).isTrue();
    }

    @Test
    void githubAnnotationsFollowTheWorkflowCommandSyntax() {
        dir.dbmate("003_drop.sql", "ALTER TABLE orders DROP COLUMN note;\nDROP INDEX orders_id;",
                "CREATE INDEX CONCURRENTLY orders_id ON orders (id);");
        Cli.Result r = cli().run("lint", "--format", "github");
        assertThat(r.exit()).isEqualTo(4);
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        for (String l : lines) {
            assertThat(l).matches("::(error|warning|notice) file=[^,:]+,line=[1-9][0-9]*,col=[1-9][0-9]*,title=[a-z-]+::"
                    + "[^\\r\\n]+");
        }
        assertThat(lines.get(0)).startsWith("::error file=db/migrations/002_index.sql,line=2,col=1,"
                + "title=require-concurrent-index-creation::");
        assertThat(lines.get(2)).startsWith("::warning file=db/migrations/003_drop.sql,line=3,col=1,"
                + "title=require-concurrent-index-deletion::");
        assertThat(lines.get(0)).contains("%0Asafer:%0ACREATE INDEX CONCURRENTLY");
        assertThat(r.err()).contains("2 errors, 1 warning");
    }

    @Test
    void sarifHasTheRequiredFieldsOfSarif210() throws Exception {
        dir.dbmate("003_drop.sql", "DROP INDEX orders_id;", "CREATE INDEX CONCURRENTLY orders_id ON orders (id);");
        Cli.Result r = cli().run("lint", "--format", "sarif");
        assertThat(r.exit()).isEqualTo(4);
        JsonNode log = new ObjectMapper().readTree(r.out());
        // sarifLog: version (required, "2.1.0") and runs (required array).
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.get("$schema").asText()).contains("sarif-2.1.0");
        assertThat(log.get("runs").isArray()).isTrue();
        JsonNode run = log.get("runs").get(0);
        // run: tool (required) with driver (required) with name (required).
        JsonNode driver = run.get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("cairn");
        Set<String> ids = new HashSet<>();
        for (JsonNode rule : driver.get("rules")) {
            assertThat(rule.get("id").asText()).isNotBlank();
            assertThat(ids.add(rule.get("id").asText())).as("rule ids are unique").isTrue();
            assertThat(rule.get("defaultConfiguration").get("level").asText()).isIn("none", "note", "warning", "error");
        }
        assertThat(run.get("results")).hasSize(2);
        for (JsonNode res : run.get("results")) {
            // result: message (required) with text; ruleId and ruleIndex consistent with the driver's rules.
            assertThat(res.get("message").get("text").asText()).isNotBlank();
            assertThat(res.get("level").asText()).isIn("none", "note", "warning", "error");
            assertThat(driver.get("rules").get(res.get("ruleIndex").asInt()).get("id").asText())
                    .isEqualTo(res.get("ruleId").asText());
            JsonNode loc = res.get("locations").get(0).get("physicalLocation");
            assertThat(loc.get("artifactLocation").get("uri").asText()).startsWith("db/migrations/");
            assertThat(loc.get("region").get("startLine").asInt()).isPositive();
            assertThat(loc.get("region").get("startColumn").asInt()).isPositive();
        }
    }

    @Test
    void directivesAndConfigurationIgnore() {
        dir.dbmate("002_index.sql", "-- cairn:lint-ignore require-concurrent-index-creation\n"
                + "CREATE INDEX orders_id ON orders (id);\n-- cairn:lint-ignore ban-drop-table\nSELECT 1;", "");
        Cli.Result r = cli().run("lint");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("unused ignore: db/migrations/002_index.sql:4 ban-drop-table: matched no finding");
        dir.dbmate("002_index.sql", "CREATE INDEX orders_id ON orders (id);", "");
        write(cwd.resolve("cairn.toml"), "[lint]\nignore = [\"require-concurrent-index-creation\", \"ban-drop-column\"]\n");
        Cli.Result configured = cli().run("lint");
        assertThat(configured.exit()).as(configured.all()).isZero();
        assertThat(configured.out()).doesNotContain("unused ignore: cairn.toml require-concurrent-index-creation")
                .contains("unused ignore: cairn.toml ban-drop-column: [lint] ignore matched no finding");
        write(cwd.resolve("cairn.toml"), "[lint.migrations.\"002\"]\nignore = [\"require-concurrent-index-creation\"]\n");
        assertThat(cli().run("lint").exit()).isZero();
        write(cwd.resolve("cairn.toml"), "[lint]\nerror_on = [\"empty-down\"]\n");
        dir.dbmate("002_index.sql", "CREATE INDEX CONCURRENTLY orders_id ON orders (id);", "-- nothing yet");
        Cli.Result down = cli().run("lint");
        assertThat(down.exit()).as(down.all()).isEqualTo(4);
        assertThat(down.out()).contains("error   empty-down");
    }

    @Test
    void badInputIsAUsageError() {
        write(cwd.resolve("cairn.toml"), "[lint]\nignore = [\"ban-drop-colum\"]\n");
        Cli.Result r = cli().run("lint");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no lint rule is called 'ban-drop-colum'; known rules: ");
        write(cwd.resolve("cairn.toml"), "lint = \"sometimes\"\n");
        assertThat(cli().run("lint").err()).contains("lint mode 'sometimes' is not error, warn or off");
        Files.exists(cwd);
        assertThat(new Cli(cwd).run("lint", "--format", "xml").exit()).isEqualTo(2);
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
