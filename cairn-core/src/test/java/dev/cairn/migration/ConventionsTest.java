package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
