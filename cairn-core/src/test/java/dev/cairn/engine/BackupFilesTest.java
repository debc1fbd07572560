package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Backup file names and the retention's idea of which files are Cairn's own. */
class BackupFilesTest {

    @TempDir
    Path dir;

    @Test
    void namesCarryTheDatabaseAndTheUtcTime() {
        Instant at = Instant.parse("2024-01-01T12:00:00Z");
        assertThat(BackupFiles.name("app", at, BackupFormat.CUSTOM)).isEqualTo("app_20240101_120000.dump");
        assertThat(BackupFiles.name("app", at, BackupFormat.PLAIN)).isEqualTo("app_20240101_120000.sql.gz");
        assertThat(BackupFiles.name("my app/../x", at, BackupFormat.CUSTOM)).isEqualTo("my_app_.._x_20240101_120000.dump");
        assertThat(BackupFiles.name("..", at, BackupFormat.CUSTOM)).isEqualTo("db.._20240101_120000.dump");
    }

    @ParameterizedTest(name = "{0} of {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            app_20240101_120000.dump          | app      | 2024-01-01T12:00:00Z
            app_20240101_120000.sql.gz        | app      | 2024-01-01T12:00:00Z
            app_test_20240101_120000.dump     | app_test | 2024-01-01T12:00:00Z
            app_test_20240101_120000.dump     | app      |
            app_20240101_120000.dump          | app_test |
            xapp_20240101_120000.dump         | app      |
            app_20240101_120000.dump.partial  | app      |
            app_20240101_120000.sql           | app      |
            app_20241301_120000.dump          | app      |
            app_2024010_120000.dump           | app      |
            APP_20240101_120000.dump          | app      |
            my_app_20240101_120000.dump       | my app   | 2024-01-01T12:00:00Z
            """)
    void onlyExactlyCairnsFormForThisDatabaseCounts(String file, String database, String taken) {
        assertThat(BackupFiles.taken(file, database)).isEqualTo(Optional.ofNullable(taken).map(Instant::parse));
    }

    @Test
    void olderThanListsOnlyOwnFilesBeforeTheCutoffOldestFirstAndNeverTheFreshOne() throws Exception {
        for (String f : List.of("app_20240102_000000.dump", "app_20240101_000000.sql.gz", "app_20240301_000000.dump",
                "other_20240101_000000.dump", "app_20240101_000000.txt", "notes.md")) {
            Files.writeString(dir.resolve(f), "x");
        }
        Files.createDirectory(dir.resolve("app_20231231_000000.dump"));
        Path fresh = dir.resolve("app_20240101_000000.sql.gz");
        assertThat(BackupFiles.olderThan(dir, "app", Instant.parse("2024-02-01T00:00:00Z"), dir.resolve("none")))
                .containsExactly(dir.resolve("app_20240101_000000.sql.gz"), dir.resolve("app_20240102_000000.dump"));
        assertThat(BackupFiles.olderThan(dir, "app", Instant.parse("2024-02-01T00:00:00Z"), fresh))
                .containsExactly(dir.resolve("app_20240102_000000.dump"));
    }
}
