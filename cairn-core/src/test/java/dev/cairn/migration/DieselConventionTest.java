package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.config.MigrationSettings;
import dev.cairn.sql.SqlSource;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** diesel: {@code 2024-01-15-093000_name/up.sql} and {@code down.sql}. */
class DieselConventionTest {

    @TempDir
    Path tmp;
    ScanFixture dir;

    @BeforeEach
    void setUp() {
        dir = new ScanFixture(tmp);
    }

    @Test
    void readsAFolderAsOneMigrationNamedByTheFolder() {
        Path up = dir.write("2024-01-15-093000_create_users/up.sql", "CREATE TABLE users (id int);\n");
        Path down = dir.write("2024-01-15-093000_create_users/down.sql", "DROP TABLE users;\n");

        Migration m = dir.only();

        assertThat(m.convention()).isEqualTo("diesel");
        assertThat(m.version().text()).isEqualTo("2024-01-15-093000");
        assertThat(m.description()).isEqualTo("create users");
        assertThat(m.script()).isEqualTo("2024-01-15-093000_create_users");
        assertThat(m.up()).isEqualTo(new SqlSource(up.toString(), "CREATE TABLE users (id int);\n", 1));
        assertThat(m.down()).contains(new SqlSource(down.toString(), "DROP TABLE users;\n", 1));
        assertThat(m.transaction()).isEqualTo(Migration.Transaction.AUTO);
    }

    @Test
    void theInitialSetupComesFirstAndFoldersSortByTheirDigits() {
        dir.write("2024-01-15-093000_b/up.sql", "SELECT 2;\n");
        dir.write("00000000000000_diesel_initial_setup/up.sql", "SELECT 0;\n");
        dir.write("00000000000000_diesel_initial_setup/down.sql", "SELECT 0;\n");
        dir.write("2023-12-31-235959_a/up.sql", "SELECT 1;\n");

        Discovery d = dir.scan();

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).extracting(Migration::script).containsExactly("00000000000000_diesel_initial_setup",
                "2023-12-31-235959_a", "2024-01-15-093000_b");
        assertThat(d.migrations().get(0).description()).isEqualTo("diesel initial setup");
    }

    @Test
    void aNestedFolderKeepsItsPathInTheScriptName() {
        dir.write("migrations/2024-01-15-093000_a/up.sql", "SELECT 1;\n");

        assertThat(dir.only().script()).isEqualTo("migrations/2024-01-15-093000_a");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "run_in_transaction = false              | NONE",
            "run_in_transaction=false # for CONCURRENTLY | NONE",
            "run_in_transaction = true               | AUTO",
            "# run_in_transaction = false            | AUTO",
    })
    void metadataTomlCanTurnTheTransactionOff(String toml, Migration.Transaction expected) {
        dir.write("2024-01-15-093000_index/up.sql", "CREATE INDEX CONCURRENTLY i ON t (id);\n");
        dir.write("2024-01-15-093000_index/metadata.toml", toml + "\n");

        assertThat(dir.only().transaction()).isEqualTo(expected);
    }

    @Test
    void aDownWithoutItsUpIsAProblem() {
        Path down = dir.write("2024-01-15-093000_a/down.sql", "SELECT 1;\n");

        Problem p = dir.problem();

        assertThat(p.code()).isEqualTo("file.down-without-up");
        assertThat(p.message()).startsWith(down + ": is a down script of version 2024-01-15-093000");
    }

    @Test
    void twoFoldersWithOneVersionAreAProblem() {
        dir.write("2024-01-15-093000_a/up.sql", "SELECT 1;\n");
        dir.write("2024-01-15-093000_b/up.sql", "SELECT 2;\n");

        assertThat(dir.problem().code()).isEqualTo("file.duplicate-version");
    }

    @ParameterizedTest(name = "{0} is not diesel''s")
    @CsvSource({"up.sql", "notes/up.sql", "2024-01-15-093000_a/other.sql", "2024-01-15-093000_a/up.sql.bak"})
    void otherFilesAreNotDieselMigrations(String relative) {
        dir.write(relative, "SELECT 1;\n");

        Discovery d = dir.scan();

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).isEmpty();
    }

    @ParameterizedTest(name = "[migrations.\"{0}\"]")
    @CsvSource({"2024-01-20-120000", "20240120120000"})
    void theConfigurationNamesAFolderByItsVersion(String key) {
        dir.write("2024-01-20-120000_index/up.sql", "CREATE INDEX CONCURRENTLY i ON t (id);\n");

        Discovery d = new DirectoryScan(DirectoryScan.DEFAULT_IGNORE,
                java.util.Map.of(key, new MigrationSettings(java.util.Optional.of(false)))).scan(java.util.List.of(tmp));

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations().get(0).transaction()).isEqualTo(Migration.Transaction.NONE);
    }
}
