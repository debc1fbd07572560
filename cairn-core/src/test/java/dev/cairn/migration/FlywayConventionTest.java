package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.sql.SqlSource;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Flyway: {@code V1_2__name.sql}, undo {@code U1_2__name.sql}, repeatable {@code R__name.sql}. */
class FlywayConventionTest {

    static final String PLAIN = "CREATE TABLE t (id int);\n";

    @TempDir
    Path tmp;
    ScanFixture dir;

    @BeforeEach
    void setUp() {
        dir = new ScanFixture(tmp);
    }

    @ParameterizedTest(name = "{0} -> version {1}, ''{2}''")
    @CsvSource({
            "V1__create_users.sql,          1,     create users",
            "V1.2__add_email.sql,           1.2,   add email",
            "V1_2__add_email.sql,           1_2,   add email",
            "V001.010.3__x.sql,             001.010.3, x",
            "V20240115093000__stamped.sql,  20240115093000, stamped",
            "V3__Add_Users_Table.sql,       3,     Add Users Table",
            "V4__dotted.name.sql,           4,     dotted.name",
    })
    void readsVersionedFiles(String name, String version, String description) {
        Path file = dir.write(name, PLAIN);

        Migration m = dir.only();

        assertThat(m.convention()).isEqualTo("flyway");
        assertThat(m.kind()).isEqualTo(Migration.Kind.VERSIONED);
        assertThat(m.version().text()).isEqualTo(version);
        assertThat(m.description()).isEqualTo(description);
        assertThat(m.script()).isEqualTo(name);
        assertThat(m.up()).isEqualTo(new SqlSource(file.toString(), PLAIN, 1));
        assertThat(m.down()).isEmpty();
    }

    @Test
    void underscoreAndDotSeparateTheSameVersion() {
        dir.write("V1_2__a.sql", PLAIN);
        dir.write("V1.2__b.sql", PLAIN);

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo("file.duplicate-version");
        assertThat(p.message()).contains("V1_2__a.sql", "V1.2__b.sql");
    }

    @Test
    void ordersByNumericSegments() {
        for (String name : new String[] {"V1.10__j.sql", "V1.2__b.sql", "V1__a.sql", "V2__k.sql", "V1.9__i.sql"}) {
            dir.write(name, PLAIN);
        }

        assertThat(dir.scan().migrations()).extracting(m -> m.version().text())
                .containsExactly("1", "1.2", "1.9", "1.10", "2");
    }

    @Test
    void anUndoFileIsTheDownOfItsVersionedFile() {
        dir.write("V1_2__add_email.sql", "ALTER TABLE users ADD COLUMN email text;\n");
        Path undo = dir.write("U1_2__add_email.sql", "ALTER TABLE users DROP COLUMN email;\n");

        Migration m = dir.only();

        assertThat(m.script()).isEqualTo("V1_2__add_email.sql");
        assertThat(m.down()).contains(new SqlSource(undo.toString(), "ALTER TABLE users DROP COLUMN email;\n", 1));
    }

    @Test
    void anUndoFileMayBeNamedWithTheOtherSeparator() {
        dir.write("V1_2__add_email.sql", PLAIN);
        dir.write("U1.2__add_email.sql", "SELECT 1;\n");

        assertThat(dir.only().down()).isPresent();
    }

    @Test
    void anUndoFileWithoutItsVersionedFileIsAProblem() {
        dir.write("V1__a.sql", PLAIN);
        Path undo = dir.write("U2__b.sql", PLAIN);

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo("file.down-without-up");
        assertThat(p.message()).isEqualTo(undo + ": is a down script of version 2 but there is no up script for that"
                + " version; add the up file or remove this one");
    }

    @Test
    void aRepeatableFileIsRepeatableAndRunsAfterTheVersionedOnes() {
        dir.write("R__user_view.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
        dir.write("V2__b.sql", PLAIN);
        dir.write("V1__a.sql", PLAIN);

        Discovery d = dir.scan();

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).extracting(Migration::script).containsExactly("V1__a.sql", "V2__b.sql", "R__user_view.sql");
        Migration r = d.migrations().get(2);
        assertThat(r.kind()).isEqualTo(Migration.Kind.REPEATABLE);
        assertThat(r.version().isRepeatable()).isTrue();
        assertThat(r.description()).isEqualTo("user view");
        assertThat(r.down()).isEmpty();
    }

    @Test
    void twoRepeatablesWithOneDescriptionAreAProblem() throws Exception {
        dir.write("R__v.sql", PLAIN);
        dir.write("sub/R__v.sql", PLAIN);

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo("file.duplicate-version");
        assertThat(p.message()).startsWith("repeatable migration 'v' is used by more than one file");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "V1_add_users.sql,   V1__add_users.sql",
            "V1_2_add_users.sql, V1_2__add_users.sql",
            "U3-drop.sql,        U3__drop.sql",
            "V7.sql,             V7__description.sql",
    })
    void aNearMissNamesTheRightFileName(String name, String suggestion) {
        Path file = dir.write(name, PLAIN);

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo("file.flyway-name");
        assertThat(p.message()).isEqualTo(file + ": looks like a Flyway migration but is not named like one: the version"
                + " and the description are separated by two underscores, as in " + suggestion);
    }

    @ParameterizedTest(name = "{0} is not Flyway''s")
    @CsvSource({"Views.sql, not a migration", "R_report.sql, not a migration", "v1__lower.sql, not a migration"})
    void otherLettersAreLeftAlone(String name, String ignored) {
        dir.write(name, PLAIN);

        Discovery d = dir.scan();

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).isEmpty();
        assertThat(d.ignored()).extracting(Ignored::reason).containsExactly("no version at the start of its name");
    }
}
