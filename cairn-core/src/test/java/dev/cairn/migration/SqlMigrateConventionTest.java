package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import dev.cairn.sql.SqlStatement;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** sql-migrate: {@code -- +migrate Up/Down [notransaction]}, {@code StatementBegin/End}. */
class SqlMigrateConventionTest {

    @TempDir
    Path tmp;
    ScanFixture dir;

    @BeforeEach
    void setUp() {
        dir = new ScanFixture(tmp);
    }

    @Test
    void readsTheSectionsWithTheLinesOfTheFile() {
        Path file = dir.write("20240115093000-create_users.sql", """
                -- +migrate Up
                CREATE TABLE users (id int);

                -- +migrate StatementBegin
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;
                -- +migrate StatementEnd

                -- +migrate Down
                DROP FUNCTION f();
                DROP TABLE users;
                """);

        Migration m = dir.only();

        assertThat(m.convention()).isEqualTo("sql-migrate");
        assertThat(m.version().text()).isEqualTo("20240115093000");
        assertThat(m.description()).isEqualTo("create users");
        assertThat(m.up().firstLine()).isEqualTo(2);
        assertThat(m.down()).contains(new SqlSource(file.toString(), "DROP FUNCTION f();\nDROP TABLE users;\n", 9));
        assertThat(SqlSplitter.split(m.up())).extracting(SqlStatement::line).containsExactly(2, 5);
        assertThat(m.transaction()).isEqualTo(Migration.Transaction.AUTO);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1_init.sql, 1", "0002-second.sql, 0002", "20240115093000_third.sql, 20240115093000"})
    void acceptsADashOrAnUnderscoreAfterTheNumber(String name, String version) {
        dir.write(name, "-- +migrate Up\nSELECT 1;\n");

        assertThat(dir.only().version().text()).isEqualTo(version);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "-- +migrate Up notransaction\\nCREATE INDEX CONCURRENTLY i ON t (id);\\n-- +migrate Down\\nSELECT 1;  | NONE",
            "-- +migrate Up\\nSELECT 1;\\n-- +migrate Down notransaction\\nDROP INDEX CONCURRENTLY i;          | AUTO",
            "-- +migrate Up\\nSELECT 1;                                                                       | AUTO",
    })
    void readsNotransaction(String text, Migration.Transaction expected) {
        dir.write("1_x.sql", text.replace("\\n", "\n"));

        assertThat(dir.only().transaction()).isEqualTo(expected);
    }

    @Test
    void aDownSectionOfCommentsOnlyIsADownWithNothingToUndo() {
        dir.write("1_x.sql", "-- +migrate Up\nSELECT 1;\n-- +migrate Down\n-- SQL in section 'Down' is executed when this migration is rolled back\n");

        assertThat(dir.only().down()).isPresent();
    }

    @Test
    void noDownSectionIsNoDownScript() {
        dir.write("1_x.sql", "-- +migrate Up\nSELECT 1;\n");

        assertThat(dir.only().down()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "down without up   | -- +migrate Down\\nDROP TABLE t;\\n"
                    + "| file.sql-migrate-without-up | 1: has no '-- +migrate Up' annotation",
            "down before up    | -- +migrate Down\\nSELECT 1;\\n-- +migrate Up\\nSELECT 2;\\n"
                    + "| file.sql-migrate-order | 1: '-- +migrate Down' comes before '-- +migrate Up'",
            "two downs         | -- +migrate Up\\n-- +migrate Down\\n-- +migrate Down\\n"
                    + "| file.sql-migrate-duplicate-section | 3: a second '-- +migrate Down' annotation",
            "unknown           | -- +migrate Up\\n-- +migrate Sideways\\n"
                    + "| file.sql-migrate-annotation | 2: unknown annotation '-- +migrate Sideways'",
            "block without ;   | -- +migrate Up\\n-- +migrate StatementBegin\\nSELECT 1\\n-- +migrate StatementEnd\\nSELECT 2;\\n"
                    + "| file.sql-migrate-statement-block | 3: the statement in the StatementBegin/StatementEnd block",
    })
    void reportsMalformedFiles(String what, String text, String code, String message) {
        Path file = dir.write("1_x.sql", text.replace("\\n", "\n"));

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo(code);
        assertThat(p.message()).startsWith(file + ":" + message);
    }

    @Test
    void aDbmateMarkerIsNotAnSqlMigrateAnnotation() {
        dir.write("1_x.sql", "-- migrate:up\nSELECT 1;\n");

        assertThat(dir.only().convention()).isEqualTo("dbmate");
    }
}
