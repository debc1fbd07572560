package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.Cairn;
import dev.cairn.error.CairnException;
import dev.cairn.migration.Convention;
import dev.cairn.migration.Conventions;
import dev.cairn.migration.DirectoryScan;
import dev.cairn.migration.Discovery;
import dev.cairn.migration.Migration;
import dev.cairn.testing.MigrationDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code new} continues each convention: its name, its version scheme, its sections. */
class NewMigrationConventionsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T06:07:08Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    MigrationDir dir() {
        return new MigrationDir(tmp.resolve("m"));
    }

    List<String> create(MigrationDir dir, String name) {
        var config = Cairn.configure().url("jdbc:postgresql://localhost/unused").locations(dir.path()).load()
                .configuration();
        return new NewMigration(config, CLOCK).run(name).stream()
                .map(p -> dir.path().relativize(p).toString().replace('\\', '/')).toList();
    }

    String read(MigrationDir dir, String relative) throws Exception {
        return Files.readString(dir.path().resolve(relative));
    }

    /**
     * What the directory holds after {@code new}: the new migration newest, in the same convention, and
     * no problem but the one an untouched template has (its up script has no SQL yet).
     */
    Migration newest(MigrationDir dir, String convention) {
        Discovery d = new DirectoryScan(DirectoryScan.DEFAULT_IGNORE, Map.of()).scan(List.of(dir.path()));
        assertThat(d.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("file.empty-up");
            assertThat(p.message()).contains("it has no SQL; write it or delete the file");
        });
        List<Migration> versioned = d.migrations().stream().filter(m -> !m.version().isRepeatable()).toList();
        Migration m = versioned.get(versioned.size() - 1);
        assertThat(m.convention()).isEqualTo(convention);
        return m;
    }

    @Test
    void seedTwoGetsItsBannerTemplate() throws Exception {
        MigrationDir dir = dir().write("20240101000000_init.sql", "-- FORWARD MIGRATION\nSELECT 1;\n");

        assertThat(create(dir, "add_ratings")).containsExactly("20240305060708_add_ratings.sql");

        assertThat(read(dir, "20240305060708_add_ratings.sql")).isEqualTo("""
                -- Migration: add_ratings
                -- Description: add ratings
                -- Created: 2024-03-05T06:07:08Z
                -- Keep it small: one change per migration.
                -- Prefer idempotent forms: CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE, DROP ... IF EXISTS.
                -- Write the down script too, so 'cairn rollback' can undo it.

                -- ============================================
                -- FORWARD MIGRATION
                -- ============================================


                -- ============================================
                -- ROLLBACK
                -- ============================================

                """);
        Migration m = newest(dir, "forward-rollback");
        assertThat(m.up().firstLine()).isEqualTo(11);
        assertThat(m.down()).as("an empty down: nothing to undo until written")
                .hasValueSatisfying(d -> assertThat(d.text()).isBlank());
    }

    @Test
    void seedTwoWithNumbersContinuesTheNumbers() {
        MigrationDir dir = dir().write("025_add_indexes.sql", "-- FORWARD MIGRATION\nSELECT 1;\n");

        assertThat(create(dir, "more")).containsExactly("026_more.sql");
        newest(dir, "forward-rollback");
    }

    @ParameterizedTest(name = "after {0}: {1}")
    @CsvSource({
            "2024-01-17_1430_a.sql, 2024-03-05_0607_b.sql",
            "2024-03-05_0607_a.sql, 2024-03-05_0608_b.sql",
            "2024-12-31_2359_a.sql, 2025-01-01_0000_b.sql",
    })
    void seedThreeGetsTheDateAndARollbackLine(String existing, String expected) throws Exception {
        MigrationDir dir = dir().write(existing, "SELECT 1;\n-- ROLLBACK:\n-- SELECT 2;\n");

        assertThat(create(dir, "b")).containsExactly(expected);

        assertThat(read(dir, expected)).isEqualTo("-- b\n-- Created: 2024-03-05T06:07:08Z\n"
                + NewMigration.HINTS + "\n\n-- ROLLBACK:\n");
        assertThat(newest(dir, "dated").down()).as("an empty down: nothing to undo until written")
                .hasValueSatisfying(d -> assertThat(d.text()).isBlank());
    }

    @ParameterizedTest(name = "after {0}: V{1}")
    @CsvSource({
            "V1__a.sql,              2",
            "V009__a.sql,            010",
            "V1.2__a.sql,            1.3",
            "V1_9__a.sql,            1_10",
            "V20240101000000__a.sql, 20240305060708",
    })
    void flywayGetsTheNextVersion(String existing, String version) throws Exception {
        MigrationDir dir = dir().write(existing, "SELECT 1;\n").write("R__view.sql", "SELECT 1;\n");

        assertThat(create(dir, "add_users")).containsExactly("V" + version + "__add_users.sql");

        assertThat(read(dir, "V" + version + "__add_users.sql")).isEqualTo("-- add users\n-- Created: 2024-03-05T06:07:08Z\n"
                + NewMigration.HINTS + "\n");
        assertThat(newest(dir, "flyway").version().text()).isEqualTo(version);
    }

    @Test
    void flywayWithUndoFilesGetsAnUndoFileToo() throws Exception {
        MigrationDir dir = dir().write("V1__a.sql", "SELECT 1;\n").write("U1__a.sql", "SELECT 1;\n")
                .write("V2__b.sql", "SELECT 1;\n");

        assertThat(create(dir, "c")).containsExactly("V3__c.sql", "U3__c.sql");

        assertThat(read(dir, "U3__c.sql")).isEqualTo("-- undoes V3__c.sql\n\n");
        assertThat(newest(dir, "flyway").down()).isPresent();
    }

    @Test
    void dieselGetsAFolderWithUpAndDown() throws Exception {
        MigrationDir dir = dir().write("00000000000000_diesel_initial_setup/up.sql", "SELECT 1;\n")
                .write("00000000000000_diesel_initial_setup/down.sql", "SELECT 1;\n");

        assertThat(create(dir, "create_users")).containsExactly("2024-03-05-060708_create_users/up.sql",
                "2024-03-05-060708_create_users/down.sql");

        assertThat(read(dir, "2024-03-05-060708_create_users/up.sql")).isEqualTo("-- create users\n-- Created: 2024-03-05T06:07:08Z\n"
                + NewMigration.HINTS + "-- Your SQL goes here\n");
        assertThat(read(dir, "2024-03-05-060708_create_users/down.sql"))
                .isEqualTo("-- This file should undo anything in `up.sql`\n");
        assertThat(newest(dir, "diesel").script()).isEqualTo("2024-03-05-060708_create_users");
    }

    @Test
    void dieselAfterAFolderOfTheSameSecondTakesTheNextSecond() {
        MigrationDir dir = dir().write("2024-03-05-060708_a/up.sql", "SELECT 1;\n");

        assertThat(create(dir, "b")).containsExactly("2024-03-05-060709_b/up.sql", "2024-03-05-060709_b/down.sql");
    }

    @ParameterizedTest(name = "after {0}: {1}")
    @CsvSource({
            "00001_a.sql,          00002_b.sql",
            "20240101000000_a.sql, 20240305060708_b.sql",
    })
    void gooseGetsItsSections(String existing, String expected) throws Exception {
        MigrationDir dir = dir().write(existing, "-- +goose Up\nSELECT 1;\n");

        assertThat(create(dir, "b")).containsExactly(expected);

        assertThat(read(dir, expected)).startsWith("-- +goose Up\n-- ").endsWith(NewMigration.HINTS + "\n\n-- +goose Down\n\n");
        newest(dir, "goose");
    }

    @ParameterizedTest(name = "after {0}: {1}")
    @CsvSource({
            "20240101000000-a.sql, 20240305060708-b.sql",
            "1_a.sql,              2_b.sql",
    })
    void sqlMigrateGetsItsSectionsAndItsSeparator(String existing, String expected) throws Exception {
        MigrationDir dir = dir().write(existing, "-- +migrate Up\nSELECT 1;\n");

        assertThat(create(dir, "b")).containsExactly(expected);

        assertThat(read(dir, expected)).startsWith("-- +migrate Up\n-- ").endsWith(NewMigration.HINTS + "\n\n-- +migrate Down\n\n");
        newest(dir, "sql-migrate");
    }

    @Test
    void drizzleGetsAFileAndAJournalEntry() throws Exception {
        MigrationDir dir = dir().write("drizzle/0000_initial_schema.sql", "CREATE TABLE t (id int);")
                .write("drizzle/meta/_journal.json", """
                        {
                          "version": "7",
                          "dialect": "postgresql",
                          "entries": [
                            {
                              "idx": 0,
                              "version": "7",
                              "when": 1700000000000,
                              "tag": "0000_initial_schema",
                              "breakpoints": true
                            }
                          ]
                        }""");

        assertThat(create(dir, "add_orders")).containsExactly("drizzle/0001_add_orders.sql");

        assertThat(read(dir, "drizzle/meta/_journal.json")).endsWith("""
                      "breakpoints": true
                    },
                    {
                      "idx": 1,
                      "version": "7",
                      "when": 1709618828000,
                      "tag": "0001_add_orders",
                      "breakpoints": true
                    }
                  ]
                }""");
        assertThat(newest(dir, "drizzle").script()).isEqualTo("drizzle/0001_add_orders.sql");
    }

    @Test
    void drizzleWithABrokenJournalCreatesNothing() throws Exception {
        MigrationDir dir = dir().write("0000_a.sql", "SELECT 1;").write("meta/_journal.json",
                "{\"entries\": [{\"idx\": 0, \"tag\": \"0000_a\"}]");

        assertThatThrownBy(() -> create(dir, "b")).isInstanceOf(CairnException.class)
                .hasMessageContaining("_journal.json:1:42: expected ',' or '}'");
        assertThat(dir.path().resolve("0001_b.sql")).doesNotExist();
    }

    @Test
    void goesNextToTheNewestMigrationInANestedFolder() {
        MigrationDir dir = dir().write("sub/003_a.sql", "SELECT 1;\n");

        assertThat(create(dir, "b")).containsExactly("sub/004_b.sql", "sub/004_b_rollback.sql");
    }

    @Test
    void aRepeatableIsNotTheNewestMigration() {
        MigrationDir dir = dir().write("V7__a.sql", "SELECT 1;\n").write("R__z.sql", "SELECT 1;\n");

        assertThat(create(dir, "b")).containsExactly("V8__b.sql");
    }

    @Test
    void numberedWrappedInTransactionsGetsASibling() {
        MigrationDir dir = dir().write("001_create_products_table.sql", "BEGIN;\nSELECT 1;\nCOMMIT;\n")
                .write("001_create_products_table_rollback.sql", "BEGIN;\nSELECT 1;\nCOMMIT;\n");

        assertThat(create(dir, "add_orders")).containsExactly("002_add_orders.sql", "002_add_orders_rollback.sql");
    }

    /**
     * A directory of each convention, holding one migration (none for dbmate, the empty directory's
     * convention): every convention of {@link Conventions#ALL} needs one, so that a new convention is
     * tested writing its next migration and reading it back.
     */
    static final Map<String, Map<String, String>> SEEDS = Map.of(
            "dbmate", Map.of(),
            "golang-migrate", Map.of("001_a.up.sql", "SELECT 1;\n", "001_a.down.sql", "SELECT 2;\n"),
            "forward-rollback", Map.of("001_a.sql", "-- FORWARD MIGRATION\nSELECT 1;\n"),
            "dated", Map.of("2024-01-17_1430_a.sql", "SELECT 1;\n-- ROLLBACK:\n-- SELECT 2;\n"),
            "drizzle", Map.of("0000_a.sql", "SELECT 1;\n", "meta/_journal.json",
                    "{\"entries\": [{\"idx\": 0, \"when\": 1700000000000, \"tag\": \"0000_a\"}]}"),
            "flyway", Map.of("V1__a.sql", "SELECT 1;\n"),
            "diesel", Map.of("2024-01-01-000000_a/up.sql", "SELECT 1;\n", "2024-01-01-000000_a/down.sql", "SELECT 2;\n"),
            "goose", Map.of("001_a.sql", "-- +goose Up\nSELECT 1;\n"),
            "sql-migrate", Map.of("1_a.sql", "-- +migrate Up\nSELECT 1;\n"),
            "numbered", Map.of("001_a.sql", "SELECT 1;\n"));

    static Stream<String> everyConvention() {
        return Conventions.ALL.stream().map(Convention::name);
    }

    MigrationDir seeded(String convention) {
        assertThat(SEEDS).as("a seed directory for the convention " + convention).containsKey(convention);
        MigrationDir dir = dir();
        SEEDS.get(convention).forEach(dir::write);
        return dir;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyConvention")
    void everyConventionReadsBackItsTemplate(String convention) {
        MigrationDir dir = seeded(convention);

        assertThat(create(dir, "add_orders")).isNotEmpty();

        Migration m = newest(dir, convention);
        assertThat(m.description()).isEqualTo("add orders");
        assertThat(m.version().isRepeatable()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyConvention")
    void everyConventionReadsBackGeneratedScripts(String convention) {
        MigrationDir dir = seeded(convention);
        var config = Cairn.configure().url("jdbc:postgresql://localhost/unused").locations(dir.path()).load()
                .configuration();
        String up = "-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY t_a ON t (a);\n";
        String down = "-- cairn:no-transaction\nDROP INDEX CONCURRENTLY t_a;\n";

        new NewMigration(config, CLOCK).create("add_index", "", new NewMigration.Bodies(up, down), false);

        Discovery d = new DirectoryScan(DirectoryScan.DEFAULT_IGNORE, Map.of()).scan(List.of(dir.path()));
        assertThat(d.problems()).isEmpty();
        Migration m = d.migrations().get(d.migrations().size() - 1);
        assertThat(m.convention()).isEqualTo(convention);
        assertThat(m.description()).isEqualTo("add index");
        assertThat(m.up().text()).contains("CREATE INDEX CONCURRENTLY t_a ON t (a);");
        assertThat(m.transaction()).isEqualTo(Migration.Transaction.NONE);
        if (Conventions.named(convention).keepsDowns()) {
            assertThat(m.down()).hasValueSatisfying(s -> assertThat(s.text())
                    .contains("-- cairn:no-transaction\nDROP INDEX CONCURRENTLY t_a;"));
        } else {
            assertThat(m.down()).isEmpty();
        }
    }
}
