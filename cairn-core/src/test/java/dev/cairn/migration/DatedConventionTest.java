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

/** Seed 003: {@code YYYY-MM-DD_HHMM_name.sql}, the rollback commented out after {@code -- ROLLBACK:}. */
class DatedConventionTest {

    @TempDir
    Path tmp;
    ScanFixture dir;

    @BeforeEach
    void setUp() {
        dir = new ScanFixture(tmp);
    }

    @Test
    void readsSeedThreesExample() {
        Path file = dir.write("2025-01-17_1430_add_instagram_url.sql", """
                -- Description of what this migration does
                ALTER TABLE tenants.business ADD COLUMN instagram_url TEXT;

                -- ROLLBACK:
                -- ALTER TABLE tenants.business DROP COLUMN instagram_url;
                """);

        Migration m = dir.only();

        assertThat(m.convention()).isEqualTo("dated");
        assertThat(m.version().text()).isEqualTo("2025-01-17_1430");
        assertThat(m.description()).isEqualTo("add instagram url");
        assertThat(m.script()).isEqualTo("2025-01-17_1430_add_instagram_url.sql");
        assertThat(m.up()).isEqualTo(new SqlSource(file.toString(), "-- Description of what this migration does\n"
                + "ALTER TABLE tenants.business ADD COLUMN instagram_url TEXT;\n", 1));
        assertThat(m.down()).contains(new SqlSource(file.toString(),
                "ALTER TABLE tenants.business DROP COLUMN instagram_url;\n", 5));
    }

    static Stream<Arguments> rollbacks() {
        return Stream.of(
                arguments("no ROLLBACK line: no down", "SELECT 1;\n", "SELECT 1;\n", Optional.empty()),
                arguments("no ROLLBACK line: no down", "SELECT 1;\n", "SELECT 1;\n", Optional.empty()),
                arguments("ROLLBACK line with nothing after it: an empty down, nothing to undo",
                        "SELECT 1;\n-- ROLLBACK:\n", "SELECT 1;", Optional.of(new Down("", 3))),
                arguments("only doubly commented lines after it: an empty down",
                        "SELECT 1;\n-- ROLLBACK:\n-- -- not reversible\n",
                        "SELECT 1;", Optional.of(new Down("-- not reversible\n", 3))),
                arguments("'--' without a space, indentation kept",
                        "SELECT 1;\n-- ROLLBACK:\n--DROP TABLE a;\n  --   DROP TABLE b;\n",
                        "SELECT 1;", Optional.of(new Down("DROP TABLE a;\n    DROP TABLE b;\n", 3))),
                arguments("a multi-line statement and a doubly commented note",
                        "SELECT 1;\n-- ROLLBACK:\n-- -- drop the function first\n-- DROP FUNCTION f();\n"
                                + "-- CREATE TABLE t (\n--     id int\n-- );\n",
                        "SELECT 1;",
                        Optional.of(new Down("-- drop the function first\nDROP FUNCTION f();\nCREATE TABLE t (\n    id int\n);\n", 3))),
                arguments("uncommented SQL after the line is part of the rollback",
                        "SELECT 1;\n-- ROLLBACK:\nDROP TABLE a;\n", "SELECT 1;", Optional.of(new Down("DROP TABLE a;\n", 3))),
                arguments("SQL on the ROLLBACK line itself",
                        "SELECT 1;\n-- ROLLBACK: DROP TABLE a;\n-- DROP TABLE b;\n", "SELECT 1;",
                        Optional.of(new Down("DROP TABLE a;\nDROP TABLE b;\n", 2))),
                arguments("no space after the dashes", "SELECT 1;\n--ROLLBACK:\n-- SELECT 2;", "SELECT 1;",
                        Optional.of(new Down("SELECT 2;", 3))),
                arguments("a dollar-quoted body in the rollback",
                        "DROP FUNCTION f();\n-- ROLLBACK:\n-- CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\n"
                                + "-- BEGIN\n--     RETURN 1;\n-- END;\n-- $$;\n",
                        "DROP FUNCTION f();",
                        Optional.of(new Down("CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n    RETURN 1;\n"
                                + "END;\n$$;\n", 3))));
    }

    record Down(String text, int line) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rollbacks")
    void uncommentsTheLinesAfterTheRollbackLine(String what, String text, String up, Optional<Down> down) {
        dir.write("2025-01-20_0915_x.sql", text);

        Migration m = dir.only();

        assertThat(m.up().text()).isEqualTo(up);
        assertThat(m.up().firstLine()).isEqualTo(1);
        assertThat(m.down().map(d -> new Down(d.text(), d.firstLine()))).isEqualTo(down);
    }

    @Test
    void ordersByTheDigitsOfTheDateAndTime() {
        dir.write("2025-01-20_0915_b.sql", "SELECT 2;\n");
        dir.write("2024-12-31_2359_a.sql", "SELECT 1;\n");
        dir.write("2025-01-20_1000_c.sql", "SELECT 3;\n");

        Discovery d = dir.scan();

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).extracting(m -> m.version().text())
                .containsExactly("2024-12-31_2359", "2025-01-20_0915", "2025-01-20_1000");
    }

    @ParameterizedTest(name = "{0} is not a dated file")
    @CsvSource({"2025-01-17_143_x.sql", "2025-1-17_1430_x.sql", "2025-01-17-1430_x.sql"})
    void otherDatedShapesAreNotRecognised(String name) {
        dir.write(name, "SELECT 1;\n");

        assertThat(dir.problem().code()).isEqualTo("file.unrecognised");
    }

    @Test
    void aSecondRollbackLineIsAProblem() {
        dir.write("2025-01-20_0915_x.sql", "SELECT 1;\n-- ROLLBACK:\n-- SELECT 2;\n-- ROLLBACK:\n");

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo("file.dated-duplicate-rollback");
        assertThat(p.message()).isEqualTo(tmp.resolve("2025-01-20_0915_x.sql") + ":4: a second '-- ROLLBACK:' line;"
                + " everything after the first one is the rollback, so remove this one");
    }

    @Test
    void twoFilesInTheSameMinuteAreOneVersion() {
        dir.write("2025-01-20_0915_a.sql", "SELECT 1;\n");
        dir.write("2025-01-20_0915_b.sql", "SELECT 2;\n");

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo("file.duplicate-version");
        assertThat(p.message()).contains("version 2025-01-20_0915 is used by more than one file",
                "2025-01-20_0915_a.sql", "2025-01-20_0915_b.sql");
    }
}
