package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every convention in one directory: each file is read on its own, and all sort by version. */
class ConventionsTest {

    @TempDir
    Path tmp;

    @Test
    void everyConventionHasItsOwnName() {
        assertThat(Conventions.ALL).extracting(Convention::name).doesNotHaveDuplicates().containsExactlyInAnyOrder(
                "dbmate", "golang-migrate", "forward-rollback", "dated", "drizzle", "flyway", "diesel", "goose",
                "sql-migrate", "numbered");
        assertThat(Conventions.ALL).filteredOn(Convention::fallback).extracting(Convention::name)
                .containsExactly("numbered");
    }

    @Test
    void oneDirectoryMayMixConventionsAndTheyAllSortByVersion() {
        ScanFixture dir = new ScanFixture(tmp);
        dir.write("1_golang.up.sql", "SELECT 1;");
        dir.write("1_golang.down.sql", "SELECT 1;");
        dir.write("V1.2__flyway.sql", "SELECT 1;");
        dir.write("V1.10__flyway.sql", "SELECT 1;");
        dir.write("9_numbered.sql", "SELECT 1;");
        dir.write("010_dbmate.sql", "-- migrate:up\nSELECT 1;");
        dir.write("215_goose.sql", "-- +goose Up\nSELECT 1;");
        dir.write("1000-sql_migrate.sql", "-- +migrate Up\nSELECT 1;");
        dir.write("2024-01-15_1430_dated.sql", "SELECT 1;");
        dir.write("2024-01-15-143000_diesel/up.sql", "SELECT 1;");
        dir.write("20240115143100_forward.sql", "-- FORWARD MIGRATION\nSELECT 1;");
        dir.write("drizzle/meta/_journal.json", "{\"entries\": [{\"idx\": 0, \"tag\": \"0005_drizzle\"}]}");
        dir.write("drizzle/0005_drizzle.sql", "SELECT 1;");
        dir.write("R__flyway_view.sql", "SELECT 1;");

        Discovery d = dir.scan();

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).extracting(m -> m.version().text() + " " + m.convention()).containsExactly(
                "1 golang-migrate",
                "1.2 flyway",
                "1.10 flyway",
                "0005 drizzle",
                "9 numbered",
                "010 dbmate",
                "215 goose",
                "1000 sql-migrate",
                "2024-01-15_1430 dated",
                "2024-01-15-143000 diesel",
                "20240115143100 forward-rollback",
                "R flyway");
    }

    /** A file of every convention with an up and a down script; {@code |} stands for a line break. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
            "forward-rollback# 20240115093000_a.sql# -- x|-- ====|-- FORWARD MIGRATION|-- ====|CREATE TABLE t (id int);||-- ====|-- ROLLBACK|-- ====|DROP TABLE t;|",
            "dated#            2024-01-15_1430_a.sql# CREATE TABLE t (id int);||-- ROLLBACK:|-- DROP TABLE t;|",
            "goose#            00001_a.sql# -- +goose Up|-- +goose StatementBegin|CREATE TABLE t (id int);|-- +goose StatementEnd|-- +goose Down|DROP TABLE t;|",
            "sql-migrate#      1_a.sql# -- +migrate Up|CREATE TABLE t (id int);|-- +migrate Down|DROP TABLE t;|",
            "drizzle#          0000_a.sql# CREATE TABLE t (id int);|--> statement-breakpoint|CREATE INDEX i ON t (id);|",
            "flyway#           V1__a.sql# CREATE TABLE t (id int);|",
            "diesel#           2024-01-15-143000_a/up.sql# CREATE TABLE t (id int);|",
    })
    void aWindowsCheckoutHasTheSameChecksumAndScripts(String convention, String name, String text) {
        String lf = text.strip().replace("|", "\n");
        Migration unix = migration(tmp.resolve("lf"), name, lf);
        Migration windows = migration(tmp.resolve("crlf"), name, "\uFEFF" + lf.replace("\n", "\r\n"));

        assertThat(windows.convention()).isEqualTo(unix.convention()).isEqualTo(convention);
        assertThat(unix.down().isPresent()).isEqualTo(lf.contains("DROP TABLE"));
        assertThat(windows.checksum()).isEqualTo(unix.checksum());
        assertThat(windows.up().firstLine()).isEqualTo(unix.up().firstLine());
        assertThat(windows.up().text().replace("\r", "")).isEqualTo(unix.up().text());
        assertThat(windows.down().map(d -> d.text().replace("\r", ""))).isEqualTo(unix.down().map(d -> d.text()));
        assertThat(windows.transaction()).isEqualTo(unix.transaction());
    }

    private static Migration migration(Path dir, String name, String text) {
        ScanFixture files = new ScanFixture(dir);
        files.write(name, text);
        if (name.startsWith("0000_")) {
            files.write("meta/_journal.json", "{\"entries\": [{\"idx\": 0, \"tag\": \"0000_a\"}]}");
        }
        Discovery d = new DirectoryScan(DirectoryScan.DEFAULT_IGNORE, Map.of()).scan(List.of(dir));
        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).hasSize(1);
        return d.migrations().get(0);
    }
}
