package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import dev.cairn.sql.SqlStatement;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** goose: {@code -- +goose Up/Down}, {@code StatementBegin/End}, {@code NO TRANSACTION}. */
class GooseConventionTest {

    @TempDir
    Path tmp;
    ScanFixture dir;

    @BeforeEach
    void setUp() {
        dir = new ScanFixture(tmp);
    }

    @Test
    void readsGoosesTemplateWithTheLinesOfTheFile() {
        Path file = dir.write("20240115093000_create_users.sql", """
                -- +goose Up
                -- +goose StatementBegin
                CREATE TABLE users (id int);
                -- +goose StatementEnd

                -- +goose Down
                -- +goose StatementBegin
                DROP TABLE users;
                -- +goose StatementEnd
                """);

        Migration m = dir.only();

        assertThat(m.convention()).isEqualTo("goose");
        assertThat(m.version().text()).isEqualTo("20240115093000");
        assertThat(m.description()).isEqualTo("create users");
        assertThat(m.up()).isEqualTo(new SqlSource(file.toString(), "-- +goose StatementBegin\nCREATE TABLE users (id int);\n"
                + "-- +goose StatementEnd\n", 2));
        assertThat(m.down()).contains(new SqlSource(file.toString(), "-- +goose StatementBegin\nDROP TABLE users;\n"
                + "-- +goose StatementEnd\n", 7));
        assertThat(SqlSplitter.split(m.up())).extracting(SqlStatement::line, SqlStatement::sql)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "CREATE TABLE users (id int);"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"00001_a.sql, 00001", "1_a.sql, 1", "20240115093000_a.sql, 20240115093000"})
    void claimsAnyNumberedNameByItsAnnotations(String name, String version) {
        dir.write(name, "-- +goose Up\nSELECT 1;\n");

        Migration m = dir.only();

        assertThat(m.convention()).isEqualTo("goose");
        assertThat(m.version().text()).isEqualTo(version);
        assertThat(m.down()).isEmpty();
    }

    static Stream<Arguments> blocks() {
        return Stream.of(
                arguments("a dollar-quoted plpgsql body", """
                        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                            NEW.updated_at := now();
                            RETURN NEW;
                        END;
                        $$;"""),
                arguments("a plpgsql body in single quotes, no dollar quotes", """
                        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS '
                        BEGIN
                            NEW.updated_at := now();
                            RAISE NOTICE ''touched %'', NEW.id;
                            RETURN NEW;
                        END;
                        ';"""),
                arguments("a BEGIN ATOMIC body", """
                        CREATE FUNCTION one() RETURNS int LANGUAGE sql
                        BEGIN ATOMIC
                            SELECT 1;
                        END;"""),
                arguments("a DO block", """
                        DO $body$
                        BEGIN
                            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app') THEN
                                CREATE ROLE app;
                            END IF;
                        END;
                        $body$;"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void aStatementBlockIsOneStatement(String what, String statement) {
        dir.write("00001_f.sql", "-- +goose Up\nSELECT 0;\n-- +goose StatementBegin\n" + statement
                + "\n-- +goose StatementEnd\nSELECT 2;\n\n-- +goose Down\nSELECT 3;\n");

        List<SqlStatement> statements = SqlSplitter.split(dir.only().up());

        assertThat(statements).extracting(SqlStatement::sql).containsExactly("SELECT 0;", statement, "SELECT 2;");
        assertThat(statements.get(1).line()).isEqualTo(4);
    }

    @Test
    void aBlockWithoutASemicolonAtTheEndOfItsSectionRunsAsIs() {
        dir.write("00001_f.sql", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1\n-- +goose StatementEnd\n"
                + "-- +goose Down\nSELECT 2;\n");

        assertThat(SqlSplitter.split(dir.only().up())).extracting(SqlStatement::sql)
                .containsExactly("SELECT 1\n-- +goose StatementEnd");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "-- +goose Up\\nCREATE INDEX CONCURRENTLY i ON t (id);                     | AUTO",
            "-- +goose NO TRANSACTION\\n-- +goose Up\\nCREATE INDEX CONCURRENTLY i ON t (id); | NONE",
            "-- +goose Up\\n-- +goose no transaction\\nVACUUM t;                        | NONE",
            "-- +goose Up\\n-- cairn:no-transaction\\nVACUUM t;                         | NONE",
            "--+goose up\\nSELECT 1;\\n--+goose down\\nSELECT 2;                          | AUTO",
    })
    void readsTheTransactionMode(String text, Migration.Transaction expected) {
        dir.write("00001_x.sql", text.replace("\\n", "\n"));

        assertThat(dir.only().transaction()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "down without up     | -- +goose Down\\nDROP TABLE t;\\n"
                    + "| file.goose-without-up | 1: has no '-- +goose Up' annotation; add one above the up SQL",
            "down before up      | -- +goose Down\\nDROP TABLE t;\\n-- +goose Up\\nCREATE TABLE t ();\\n"
                    + "| file.goose-order | 1: '-- +goose Down' comes before '-- +goose Up'; put the up section first",
            "two ups             | -- +goose Up\\nSELECT 1;\\n-- +goose Up\\n"
                    + "| file.goose-duplicate-section | 3: a second '-- +goose Up' annotation",
            "SQL above up        | -- header\\nSELECT 0;\\n-- +goose Up\\nSELECT 1;\\n"
                    + "| file.goose-outside | 2: SQL above '-- +goose Up' belongs to no section and would never run",
            "unclosed block      | -- +goose Up\\n-- +goose StatementBegin\\nSELECT 1;\\n-- +goose Down\\n-- +goose StatementEnd\\n"
                    + "| file.goose-statement-block | 2: '-- +goose StatementBegin' is not closed by a StatementEnd in its section",
            "end without begin   | -- +goose Up\\nSELECT 1;\\n-- +goose StatementEnd\\n"
                    + "| file.goose-statement-block | 3: '-- +goose StatementEnd' without a StatementBegin above it",
            "nested blocks       | -- +goose Up\\n-- +goose StatementBegin\\n-- +goose StatementBegin\\n"
                    + "| file.goose-statement-block | 3: '-- +goose StatementBegin' inside the block opened on line 2",
            "block without ;     | -- +goose Up\\n-- +goose StatementBegin\\nCREATE VIEW v AS SELECT 1\\n-- +goose StatementEnd\\nSELECT 2;\\n"
                    + "| file.goose-statement-block | 3: the statement in the StatementBegin/StatementEnd block ending on line 4 has no closing ';'",
            "envsub              | -- +goose Up\\n-- +goose ENVSUB ON\\nCREATE ROLE ${ROLE};\\n"
                    + "| file.goose-envsub | 2: '-- +goose ENVSUB' substitutes environment variables, which Cairn does not do",
            "unknown annotation  | -- +goose Up\\n-- +goose Sideways\\n"
                    + "| file.goose-annotation | 2: unknown annotation '-- +goose Sideways'",
    })
    void reportsMalformedFiles(String what, String text, String code, String message) {
        Path file = dir.write("00001_x.sql", text.replace("\\n", "\n"));

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo(code);
        assertThat(p.message()).startsWith(file + ":" + message);
    }

    @Test
    void aFileWithoutAVersionIsAProblemNotASilentSkip() {
        Path file = dir.write("create_users.sql", "-- +goose Up\nSELECT 1;\n");

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo("file.no-version");
        assertThat(p.message()).isEqualTo(file + ": has '-- +goose' annotations but no version at the start of its name,"
                + " so it cannot be ordered; name it like 00001_create_users.sql, or add it to the ignore globs");
    }

    @Test
    void gooseAndSqlMigrateAnnotationsInOneFileAreAmbiguous() {
        dir.write("00001_x.sql", "-- +goose Up\n-- +migrate Up\nSELECT 1;\n");

        assertThat(dir.problem().code()).isEqualTo("file.ambiguous");
    }
}
