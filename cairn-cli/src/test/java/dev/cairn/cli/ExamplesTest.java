package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.testing.SchemaSnapshot;
import dev.cairn.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every directory of {@code examples/} end to end through the real command line, each on a fresh
 * database: migrate, status, rollback of everything, migrate again, with the schema compared from
 * the catalog after each step.
 */
class ExamplesTest {

    @TempDir
    Path cwd;

    private String database;
    private DatabaseUrl url;

    /** A fresh database for one example, dropped after it. */
    Cli cli() throws SQLException {
        database = "cairn_ex_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        url = TestDatabase.create(database);
        return new Cli(cwd).env("DATABASE_URL", url.jdbcUrl() + (url.jdbcUrl().contains("?") ? "&" : "?") + "user="
                + url.user().orElse("postgres") + url.password().map(p -> "&password=" + p).orElse(""));
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (database != null) {
            TestDatabase.drop(database);
        }
    }

    List<String> schema() throws SQLException {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties())) {
            return SchemaSnapshot.of(c);
        }
    }

    /** A copy of the example, so that nothing a test does can change the repository. */
    String example(String name) throws IOException {
        Path from = examples().resolve(name);
        Path to = cwd.resolve(name);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to.toString();
    }

    static Path examples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples/quickstart"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("no examples/ directory above " + Path.of("").toAbsolutePath());
    }

    static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    /**
     * Each reversible example, how many migrations it has, and what a rollback of everything leaves
     * (the objects of repeatable migrations, which a rollback does not touch).
     */
    static Stream<Arguments> reversible() {
        return Stream.of(
                arguments("quickstart", 4, ""),
                arguments("seed002-forward-rollback", 4, ""),
                arguments("seed003-dated", 4, ""),
                arguments("numbered-rollback", 3, ""),
                arguments("golang-migrate", 4, ""),
                arguments("flyway", 5, "account_statement"),
                arguments("diesel", 4, ""),
                arguments("goose", 4, ""),
                arguments("sql-migrate", 4, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reversible")
    void migrateRollbackEverythingAndMigrateAgainGiveTheSameSchema(String name, int count, String survivor)
            throws Exception {
        Cli cli = cli();
        String dir = example(name);

        Cli.Result migrate = cli.run("migrate", "--dir", dir);
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        assertThat(migrate.out()).contains("applied " + count + " migrations");
        List<String> applied = schema();
        assertThat(applied).as("tables, indexes, functions and triggers")
                .anyMatch(l -> l.startsWith("relation r "))
                .anyMatch(l -> l.startsWith("index "))
                .anyMatch(l -> l.startsWith("function "))
                .anyMatch(l -> l.startsWith("trigger "));

        Cli.Result status = cli.run("status", "--json", "--dir", dir);
        assertThat(status.exit()).as(status.all()).isZero();
        JsonNode doc = json(status.out());
        assertThat(doc.at("/summary/total").asInt()).isEqualTo(count);
        assertThat(doc.at("/summary/applied").asInt()).isEqualTo(count);
        assertThat(doc.at("/problems").size()).isZero();
        assertThat(doc.at("/migrations").findValuesAsText("state")).containsOnly("applied");
        assertThat(cli.run("validate", "--dir", dir).exit()).isZero();

        Cli.Result rollback = cli.run("rollback", "--all", "--yes", "--dir", dir);
        assertThat(rollback.exit()).as(rollback.all()).isZero();
        assertThat(schema()).as("what the rollback left")
                .isEqualTo(applied.stream().filter(l -> !survivor.isEmpty() && l.contains(survivor)).toList());

        Cli.Result again = cli.run("migrate", "--dir", dir);
        assertThat(again.exit()).as(again.all()).isZero();
        assertThat(schema()).isEqualTo(applied);
        assertThat(json(cli.run("status", "--json", "--dir", dir).out()).at("/migrations").findValuesAsText("state"))
                .containsOnly("applied");
    }

    @Test
    void drizzleMigratesAndRollsBackWithTheDownsComputedAtApplyTime() throws Exception {
        Cli cli = cli();
        String dir = example("drizzle");

        Cli.Result migrate = cli.run("migrate", "--dir", dir);
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        assertThat(migrate.out()).contains("applied 0000_initial_schema.sql").contains("applied 3 migrations");
        List<String> applied = schema();
        assertThat(applied).contains("type public.order_status enum (pending, paid, shipped, cancelled)")
                .anyMatch(l -> l.startsWith("trigger CREATE TRIGGER products_search_refresh"))
                .anyMatch(l -> l.startsWith("constraint public.orders.orders_product_id_products_id_fk FOREIGN KEY"));

        JsonNode status = json(cli.run("status", "--json", "--dir", dir).out());
        assertThat(status.at("/summary/applied").asInt()).isEqualTo(3);
        assertThat(status.at("/problems").size()).isZero();
        assertThat(status.at("/ignored").findValuesAsText("reason")).contains("drizzle-kit metadata folder meta/");

        assertThat(status.at("/migrations").findValuesAsText("computedDown")).containsOnly("true");

        // drizzle-kit writes no downs: the ones Cairn computed at apply time undo them.
        Cli.Result rollback = cli.run("rollback", "--all", "--yes", "--dir", dir);
        assertThat(rollback.exit()).as(rollback.all()).isZero();
        assertThat(rollback.out()).contains("rolled back 0002_product_search.sql", "(down computed at apply time)",
                "rolled back 3 migrations");
        assertThat(schema()).isEmpty();
        Cli.Result again = cli.run("migrate", "--dir", dir);
        assertThat(again.exit()).as(again.all()).isZero();
        assertThat(schema()).isEqualTo(applied);
    }

    @Test
    void newInTheDrizzleExampleAddsAJournalledMigrationThatApplies() throws Exception {
        Cli cli = cli();
        String dir = example("drizzle");

        Cli.Result created = cli.run("new", "add_reviews", "--dir", dir);
        assertThat(created.exit()).as(created.all()).isZero();
        assertThat(created.out()).contains("0003_add_reviews.sql");
        assertThat(Files.readString(Path.of(dir, "meta/_journal.json"))).contains("\"tag\": \"0003_add_reviews\"");
        Files.writeString(Path.of(dir, "0003_add_reviews.sql"), "CREATE TABLE \"reviews\" (\"id\" serial PRIMARY KEY);\n"
                + "--> statement-breakpoint\nCREATE INDEX \"reviews_id_idx\" ON \"reviews\" (\"id\");");

        Cli.Result migrate = cli.run("migrate", "--dir", dir);
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        assertThat(migrate.out()).contains("applied 0003_add_reviews.sql");
        assertThat(schema()).contains("index CREATE INDEX reviews_id_idx ON public.reviews USING btree (id)");
    }
}
