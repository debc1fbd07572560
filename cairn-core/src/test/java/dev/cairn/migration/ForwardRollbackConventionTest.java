package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.cairn.sql.SqlSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Seed 002: {@code -- FORWARD MIGRATION} and {@code -- ROLLBACK} sections between banner lines. */
class ForwardRollbackConventionTest {

    static final String BANNER = "-- ============================================\n";

    /** Seed 002's generated template, filled in. */
    static final String SEED_TEMPLATE = """
            -- Migration: add_celebrity_ratings
            -- Description: Add rating system for celebrities
            -- Created: 2025-07-26T12:34:56.789Z

            -- ============================================
            -- FORWARD MIGRATION
            -- ============================================

            -- Add your migration SQL here
            ALTER TABLE celebrities ADD COLUMN average_rating NUMERIC(3,2) DEFAULT 0;
            CREATE TABLE celebrity_ratings (id uuid PRIMARY KEY);

            -- ============================================
            -- ROLLBACK
            -- ============================================

            -- Add your rollback SQL here
            DROP TABLE celebrity_ratings;
            ALTER TABLE celebrities DROP COLUMN average_rating;
            """;

    @TempDir
    Path tmp;
    ScanFixture dir;

    @BeforeEach
    void setUp() {
        dir = new ScanFixture(tmp);
    }

    @Test
    void readsSeedTwosTemplateWithTheLinesOfTheFile() {
        Path file = dir.write("20250726123456_add_celebrity_ratings.sql", SEED_TEMPLATE);

        Migration m = dir.only();

        assertThat(m.convention()).isEqualTo("forward-rollback");
        assertThat(m.version().text()).isEqualTo("20250726123456");
        assertThat(m.description()).isEqualTo("add celebrity ratings");
        assertThat(m.script()).isEqualTo("20250726123456_add_celebrity_ratings.sql");
        assertThat(m.up()).isEqualTo(new SqlSource(file.toString(), """

                -- Add your migration SQL here
                ALTER TABLE celebrities ADD COLUMN average_rating NUMERIC(3,2) DEFAULT 0;
                CREATE TABLE celebrity_ratings (id uuid PRIMARY KEY);
                """, 8));
        assertThat(m.down()).contains(new SqlSource(file.toString(), """

                -- Add your rollback SQL here
                DROP TABLE celebrity_ratings;
                ALTER TABLE celebrities DROP COLUMN average_rating;
                """, 16));
        assertThat(m.transaction()).isEqualTo(Migration.Transaction.AUTO);
    }

    static Stream<Arguments> sections() {
        return Stream.of(
                arguments("no rollback section", "-- head\n" + BANNER + "-- FORWARD MIGRATION\n" + BANNER + "SELECT 1;\n",
                        "SELECT 1;\n", 5, Optional.empty()),
                arguments("a rollback section holding the generated placeholder is no down script",
                        BANNER + "-- FORWARD MIGRATION\n" + BANNER + "SELECT 1;\n" + BANNER + "-- ROLLBACK\n" + BANNER
                                + "\n-- Add your rollback SQL here\n/* nothing */\n",
                        "SELECT 1;", 4, Optional.empty()),
                arguments("an empty rollback section is a down with nothing to undo",
                        BANNER + "-- FORWARD MIGRATION\n" + BANNER + "SELECT 1;\n" + BANNER + "-- ROLLBACK\n" + BANNER,
                        "SELECT 1;", 4, Optional.of(new Down("", 8))),
                arguments("a rollback section of other comments is a down with nothing to undo",
                        BANNER + "-- FORWARD MIGRATION\n" + BANNER + "SELECT 1;\n" + BANNER + "-- ROLLBACK\n" + BANNER
                                + "-- nothing to undo\n",
                        "SELECT 1;", 4, Optional.of(new Down("-- nothing to undo\n", 8))),
                arguments("headers without banners",
                        "-- FORWARD MIGRATION\nSELECT 1;\n-- ROLLBACK\nSELECT 2;\n",
                        "SELECT 1;", 2, Optional.of(new Down("SELECT 2;\n", 4))),
                arguments("banners of any length, spaces inside the comment",
                        "--  =====\n--   FORWARD MIGRATION  \n--=====\nSELECT 1;\n--=====\n-- ROLLBACK\n--=====\nSELECT 2;",
                        "SELECT 1;", 4, Optional.of(new Down("SELECT 2;", 8))),
                arguments("a lowercase '-- rollback' comment is SQL of the forward section",
                        BANNER + "-- FORWARD MIGRATION\n" + BANNER + "-- rollback is manual\nSELECT 1;\n",
                        "-- rollback is manual\nSELECT 1;\n", 4, Optional.empty()),
                arguments("a '-- ROLLBACK:' line (seed 003) is not the header",
                        "-- FORWARD MIGRATION\nSELECT 1;\n-- ROLLBACK:\n-- SELECT 2;\n",
                        "SELECT 1;\n-- ROLLBACK:\n-- SELECT 2;\n", 2, Optional.empty()),
                arguments("CRLF line endings",
                        (BANNER + "-- FORWARD MIGRATION\n" + BANNER + "SELECT 1;\n" + BANNER + "-- ROLLBACK\n" + BANNER
                                + "SELECT 2;\n").replace("\n", "\r\n"),
                        "SELECT 1;\r", 4, Optional.of(new Down("SELECT 2;\r\n", 8))));
    }

    record Down(String text, int line) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sections")
    void cutsTheSections(String what, String text, String up, int upLine, Optional<Down> down) {
        dir.write("025_add_indexes.sql", text);

        Migration m = dir.only();

        assertThat(m.convention()).isEqualTo("forward-rollback");
        assertThat(m.up().text()).isEqualTo(up);
        assertThat(m.up().firstLine()).isEqualTo(upLine);
        assertThat(m.down().map(d -> new Down(d.text(), d.firstLine()))).isEqualTo(down);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "1_first.sql, 1",
            "025_add_indexes.sql, 025",
            "20250726123456_add_ratings.sql, 20250726123456",
    })
    void claimsTheFileByItsHeaderWhateverTheNumberOfDigits(String name, String version) {
        dir.write(name, "-- FORWARD MIGRATION\nSELECT 1;\n");

        Migration m = dir.only();

        assertThat(m.convention()).isEqualTo("forward-rollback");
        assertThat(m.version().text()).isEqualTo(version);
    }

    @Test
    void aNumberedFileWithoutTheHeaderStaysNumbered() {
        dir.write("000_MASTER_CONSOLIDATED.sql", "-- ROLLBACK\nSELECT 1;\n");

        assertThat(dir.only().convention()).isEqualTo("numbered");
    }

    @Test
    void readsTheNoTransactionDirectiveInTheHeaderBlock() {
        dir.write("030_index.sql", "-- Migration: index\n-- cairn:no-transaction\n\n" + BANNER + "-- FORWARD MIGRATION\n"
                + BANNER + "CREATE INDEX CONCURRENTLY i ON t (id);\n" + BANNER + "-- ROLLBACK\n" + BANNER
                + "DROP INDEX CONCURRENTLY i;\n");

        assertThat(dir.only().transaction()).isEqualTo(Migration.Transaction.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "two forward headers  | 030_x.sql | -- FORWARD MIGRATION\\nSELECT 1;\\n-- FORWARD MIGRATION\\n"
                    + "| file.forward-duplicate-section | 030_x.sql:3: a second '-- FORWARD MIGRATION' header",
            "two rollback headers | 030_x.sql | -- FORWARD MIGRATION\\nSELECT 1;\\n-- ROLLBACK\\nSELECT 2;\\n-- ROLLBACK\\n"
                    + "| file.forward-duplicate-section | 030_x.sql:5: a second '-- ROLLBACK' header",
            "rollback first       | 030_x.sql | -- ROLLBACK\\nSELECT 2;\\n-- FORWARD MIGRATION\\nSELECT 1;\\n"
                    + "| file.forward-order | 030_x.sql:1: the '-- ROLLBACK' section comes before '-- FORWARD MIGRATION'",
            "no version           | add_ratings.sql | -- FORWARD MIGRATION\\nSELECT 1;\\n"
                    + "| file.no-version | add_ratings.sql: has a '-- FORWARD MIGRATION' section but no version",
            "dbmate markers too   | 030_x.sql | -- FORWARD MIGRATION\\n-- migrate:up\\nSELECT 1;\\n"
                    + "| file.ambiguous | 030_x.sql: matches two conventions (dbmate and forward-rollback)",
    })
    void reportsMalformedFiles(String what, String name, String text, String code, String message) {
        dir.write(name, text.replace("\\n", "\n"));

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo(code);
        assertThat(p.message()).startsWith(tmp.resolve(name.strip()) + "").contains(message.substring(name.length()));
    }
}
