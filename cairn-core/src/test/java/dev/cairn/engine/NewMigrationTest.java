package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.Cairn;
import dev.cairn.error.CairnException;
import dev.cairn.testing.MigrationDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code new} needs no database: it reads and writes files only. */
class NewMigrationTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T06:07:08Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    List<Path> create(MigrationDir dir, String name) {
        var config = Cairn.configure().url("jdbc:postgresql://localhost/unused").locations(dir.path()).load()
                .configuration();
        return new NewMigration(config, CLOCK).run(name);
    }

    @Test
    void emptyDirectoryGetsATimestampedDbmateFile() throws Exception {
        MigrationDir dir = new MigrationDir(tmp.resolve("db/migrations"));
        List<Path> files = create(dir, "add_users");
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("20240305060708_add_users.sql");
        assertThat(Files.readString(files.get(0))).isEqualTo("-- migrate:up\n-- add users\n-- Created: 2024-03-05T06:07:08Z\n"
                + NewMigration.HINTS + "\n\n-- migrate:down\n\n");
    }

    @Test
    void numberedDirectoryGetsTheNextNumberWithTheSamePadding() {
        MigrationDir dir = new MigrationDir(tmp.resolve("m")).write("009_a.sql", "SELECT 1;")
                .write("009_a_rollback.sql", "SELECT 1;");
        assertThat(create(dir, "add_orders")).extracting(p -> p.getFileName().toString())
                .containsExactly("010_add_orders.sql", "010_add_orders_rollback.sql");
    }

    @Test
    void dbmateNumberedDirectoryContinuesWithSections() throws Exception {
        MigrationDir dir = new MigrationDir(tmp.resolve("m")).dbmate("0041_a.sql", "SELECT 1;", "SELECT 1;");
        List<Path> files = create(dir, "b");
        assertThat(files.get(0).getFileName().toString()).isEqualTo("0042_b.sql");
        assertThat(Files.readString(files.get(0))).contains("-- migrate:up").contains("-- migrate:down");
    }

    @Test
    void golangMigrateDirectoryGetsAPair() {
        MigrationDir dir = new MigrationDir(tmp.resolve("m")).write("000001_a.up.sql", "SELECT 1;")
                .write("000001_a.down.sql", "SELECT 1;");
        assertThat(create(dir, "b")).extracting(p -> p.getFileName().toString())
                .containsExactly("000002_b.up.sql", "000002_b.down.sql");
    }

    @Test
    void aDescriptionGoesIntoTheHeaderWithTheCreationTimeAndTheBestPracticeHints() throws Exception {
        MigrationDir dir = new MigrationDir(tmp.resolve("m")).write("009_a.sql", "SELECT 1;");
        var config = Cairn.configure().url("jdbc:postgresql://localhost/unused").locations(dir.path()).load()
                .configuration();
        List<Path> files = new NewMigration(config, CLOCK).run("add_ratings", "Add ratings\nwith a 1-5 score ");
        assertThat(Files.readString(files.get(0))).isEqualTo("""
                -- Add ratings with a 1-5 score
                -- Created: 2024-03-05T06:07:08Z
                -- Keep it small: one change per migration.
                -- Prefer idempotent forms: CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE, DROP ... IF EXISTS.
                -- Write the down script too, so that a rollback can undo it.

                """);
        assertThat(Files.readString(files.get(1))).isEqualTo("-- undoes 010_add_ratings.sql\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AddUsers", "add-users", "add users", "_x", "1abc", ""})
    void rejectsNamesThatAreNotLowercaseWordsJoinedByUnderscores(String name) {
        MigrationDir dir = new MigrationDir(tmp.resolve("m"));
        assertThatThrownBy(() -> create(dir, name))
                .isInstanceOf(CairnException.class)
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2))
                .hasMessageContaining("must be lowercase words joined by underscores");
        assertThat(tmp.resolve("m")).isEmptyDirectory();
    }
}
