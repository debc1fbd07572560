package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.cairn.config.MigrationSettings;
import dev.cairn.error.CairnException;
import dev.cairn.sql.SqlSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DirectoryScanTest {

    private static final String PLAIN = "CREATE TABLE t (id int);\n";

    @TempDir
    Path dir;

    // ---- conventions ---------------------------------------------------------------------------

    static Stream<Arguments> dbmateFiles() {
        return Stream.of(
                arguments("up and down",
                        "-- migrate:up\nCREATE TABLE users (id bigint);\nCREATE INDEX users_id ON users (id);\n\n"
                                + "-- migrate:down\nDROP TABLE users;\n",
                        "CREATE TABLE users (id bigint);\nCREATE INDEX users_id ON users (id);\n", 2,
                        Optional.of("DROP TABLE users;\n"), 6),
                arguments("comment above the up marker",
                        "-- adds the users table\n\n-- migrate:up\nCREATE TABLE users (id bigint);\n"
                                + "-- migrate:down\nDROP TABLE users;\n",
                        "CREATE TABLE users (id bigint);", 4,
                        Optional.of("DROP TABLE users;\n"), 6),
                arguments("no down section",
                        "-- migrate:up\nCREATE TABLE users (id bigint);\n",
                        "CREATE TABLE users (id bigint);\n", 2,
                        Optional.empty(), 0),
                arguments("markers without a space",
                        "--migrate:up\nSELECT 1;\n--migrate:down\nSELECT 2;\n",
                        "SELECT 1;", 2,
                        Optional.of("SELECT 2;\n"), 4),
                arguments("empty down section",
                        "-- migrate:up\nSELECT 1;\n-- migrate:down\n",
                        "SELECT 1;", 2,
                        Optional.of(""), 4));
    }

    @ParameterizedTest(name = "dbmate: {0}")
    @MethodSource("dbmateFiles")
    void readsDbmateSectionsWithTheirFirstLines(String what, String text, String up, int upLine,
                                                Optional<String> down, int downLine) throws IOException {
        Path file = write("20240115093000_create_users.sql", text);

        Migration m = onlyMigration(scan());

        assertThat(m.convention()).isEqualTo("dbmate");
        assertThat(m.version().text()).isEqualTo("20240115093000");
        assertThat(m.script()).isEqualTo("20240115093000_create_users.sql");
        assertThat(m.kind()).isEqualTo(Migration.Kind.VERSIONED);
        assertThat(m.up()).isEqualTo(new SqlSource(file.toString(), up, upLine));
        assertThat(m.down().map(SqlSource::text)).isEqualTo(down);
        m.down().ifPresent(d -> {
            assertThat(d.firstLine()).isEqualTo(downLine);
            assertThat(d.name()).isEqualTo(file.toString());
        });
        assertThat(m.checksum()).isEqualTo(Checksum.of(up));
    }

    static Stream<Arguments> transactionModes() {
        return Stream.of(
                arguments("dbmate plain", "001_x.sql",
                        "-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nDROP TABLE t;\n",
                        Migration.Transaction.AUTO),
                arguments("dbmate transaction:false", "001_x.sql",
                        "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (id);\n"
                                + "-- migrate:down\nDROP INDEX i;\n",
                        Migration.Transaction.NONE),
                arguments("dbmate transaction:false on the down section only", "001_x.sql",
                        "-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down transaction:false\nDROP TABLE t;\n",
                        Migration.Transaction.AUTO),
                arguments("dbmate cairn directive in the up section", "001_x.sql",
                        "-- migrate:up\n-- cairn:no-transaction\nVACUUM t;\n-- migrate:down\n",
                        Migration.Transaction.NONE),
                arguments("numbered plain", "001_x.sql", PLAIN, Migration.Transaction.AUTO),
                arguments("numbered cairn:no-transaction", "001_x.sql",
                        "-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (id);\n", Migration.Transaction.NONE),
                arguments("numbered directive below another leading comment", "001_x.sql",
                        "-- builds the index online\n\n-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (id);\n",
                        Migration.Transaction.NONE),
                arguments("numbered directive after the first statement is not a directive", "001_x.sql",
                        "CREATE TABLE t (id int);\n-- cairn:no-transaction\n", Migration.Transaction.AUTO),
                arguments("golang-migrate cairn:no-transaction", "1_x.up.sql",
                        "-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (id);\n", Migration.Transaction.NONE));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("transactionModes")
    void readsTransactionDirectives(String what, String name, String text, Migration.Transaction expected)
            throws IOException {
        write(name, text);

        assertThat(onlyMigration(scan()).transaction()).isEqualTo(expected);
    }

    @Test
    void joinsAGolangMigratePairIntoOneMigration() throws IOException {
        write("1_create_users.up.sql", "CREATE TABLE users (id int);\n");
        Path down = write("1_create_users.down.sql", "DROP TABLE users;\n");

        Migration m = onlyMigration(scan());

        assertThat(m.convention()).isEqualTo("golang-migrate");
        assertThat(m.script()).isEqualTo("1_create_users.up.sql");
        assertThat(m.description()).isEqualTo("create users");
        assertThat(m.up().text()).isEqualTo("CREATE TABLE users (id int);\n");
        assertThat(m.up().firstLine()).isEqualTo(1);
        assertThat(m.down()).contains(new SqlSource(down.toString(), "DROP TABLE users;\n", 1));
    }

    @Test
    void golangMigrateUpWithoutDownHasNoDown() throws IOException {
        write("1_create_users.up.sql", "CREATE TABLE users (id int);\n");

        Discovery d = scan();

        assertThat(d.problems()).isEmpty();
        assertThat(onlyMigration(d).down()).isEmpty();
    }

    @Test
    void joinsANumberedFileWithItsRollbackSibling() throws IOException {
        write("003_add_users.sql", "CREATE TABLE users (id int);\n");
        Path rollback = write("003_add_users_rollback.sql", "DROP TABLE users;\n");

        Migration m = onlyMigration(scan());

        assertThat(m.convention()).isEqualTo("numbered");
        assertThat(m.script()).isEqualTo("003_add_users.sql");
        assertThat(m.description()).isEqualTo("add users");
        assertThat(m.up().text()).isEqualTo("CREATE TABLE users (id int);\n");
        assertThat(m.down()).contains(new SqlSource(rollback.toString(), "DROP TABLE users;\n", 1));
    }

    @Test
    void numberedFileWithoutSiblingHasNoDown() throws IOException {
        write("003_add_users.sql", "CREATE TABLE users (id int);\n");

        Discovery d = scan();

        assertThat(d.problems()).isEmpty();
        Migration m = onlyMigration(d);
        assertThat(m.convention()).isEqualTo("numbered");
        assertThat(m.down()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> ''{2}''")
    @CsvSource(delimiter = '|', value = {
            "003_add_users.sql                        | numbered       | add users",
            "1_add-index.up.sql                       | golang-migrate | add index",
            "20240115093000_create_users_table.sql    | dbmate         | create users table",
            "0042_Backfill_Emails.sql                 | numbered       | Backfill Emails",
    })
    void describesTheMigrationFromItsFileName(String name, String convention, String description)
            throws IOException {
        write(name, convention.equals("dbmate") ? "-- migrate:up\nSELECT 1;\n" : PLAIN);

        Migration m = onlyMigration(scan());

        assertThat(m.description()).isEqualTo(description);
        assertThat(m.convention()).isEqualTo(convention);
    }

    @Test
    void sortsByVersionAcrossConventions() throws IOException {
        write("10_ten.sql", PLAIN);
        write("2_two.up.sql", PLAIN);
        write("2_two.down.sql", PLAIN);
        write("003_three.sql", "-- migrate:up\nSELECT 3;\n-- migrate:down\nSELECT -3;\n");
        write("20240115093000_dated.sql", PLAIN);
        write("9_nine.sql", PLAIN);

        Discovery d = scan();

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).extracting(m -> m.version().text())
                .containsExactly("2", "003", "9", "10", "20240115093000");
        assertThat(d.migrations()).extracting(Migration::convention)
                .containsExactly("golang-migrate", "dbmate", "numbered", "numbered", "numbered");
    }

    @Test
    void sortsByVersionAcrossDirectories() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("001_one.sql"), PLAIN);
        Files.writeString(a.resolve("010_ten.sql"), PLAIN);
        Files.writeString(b.resolve("002_two.sql"), PLAIN);

        Discovery d = scanner(Map.of()).scan(List.of(b, a));

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).extracting(Migration::script)
                .containsExactly("001_one.sql", "002_two.sql", "010_ten.sql");
    }

    // ---- ignored files --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "README.md                | not a .sql file",
            "notes.txt                | not a .sql file",
            "drizzle/meta/_journal.json      | drizzle-kit metadata folder meta/",
            "drizzle/meta/0000_snapshot.json | drizzle-kit metadata folder meta/",
            "meta/0000_snapshot.json         | drizzle-kit metadata folder meta/",
            "COMBINED_all.sql         | matches ignore glob COMBINED_*",
            "old_deprecated.sql       | matches ignore glob *deprecated*",
            "005_deprecated_users.sql | matches ignore glob *deprecated*",
            ".gitkeep                 | hidden file",
            "schema.sql               | no version at the start of its name",
    })
    void listsIgnoredFilesWithTheirReason(String relative, String reason) throws IOException {
        write("001_init.sql", PLAIN);
        // A journal makes its folder drizzle-kit's, so it must be one and live apart from 001_init.sql.
        Path ignored = write(relative, relative.endsWith("_journal.json") ? "{\"entries\": []}" : "-- not a migration\nSELECT 1;\n");

        Discovery d = scan();

        assertThat(d.ignored()).containsExactly(new Ignored(ignored.toString(), reason));
        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).extracting(Migration::script).containsExactly("001_init.sql");
    }

    @Test
    void ignoresEveryNonMigrationInOneDirectory() throws IOException {
        for (String name : List.of("README.md", "notes.txt", "meta/0000_snapshot.json", "COMBINED_all.sql",
                "old_deprecated.sql", ".gitkeep", "schema.sql")) {
            write(name, "SELECT 1;\n");
        }
        write("001_init.sql", PLAIN);

        Discovery d = scan();

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).hasSize(1);
        assertThat(d.ignored()).extracting(i -> dir.relativize(Path.of(i.path())).toString().replace('\\', '/'))
                .containsExactlyInAnyOrder("README.md", "notes.txt", "meta/0000_snapshot.json", "COMBINED_all.sql",
                        "old_deprecated.sql", ".gitkeep", "schema.sql");
    }

    @Test
    void configuredIgnoreGlobsReplaceTheDefaults() throws IOException {
        write("001_init.sql", PLAIN);
        Path local = write("900_local_only.sql", PLAIN);

        Discovery d = new DirectoryScan(List.of("*local*"), Map.of()).scan(List.of(dir));

        assertThat(d.ignored()).containsExactly(new Ignored(local.toString(), "matches ignore glob *local*"));
        assertThat(d.migrations()).extracting(Migration::script).containsExactly("001_init.sql");
    }

    // ---- problems --------------------------------------------------------------------------------

    static Stream<Arguments> problemFiles() {
        return Stream.of(
                arguments("same version in two numbered files",
                        files("001_create_users.sql", PLAIN, "1_create_accounts.sql", PLAIN),
                        "file.duplicate-version",
                        List.of("version 001 is used by more than one file", "001_create_users.sql",
                                "1_create_accounts.sql")),
                arguments("same version in two conventions",
                        files("2_users.up.sql", PLAIN, "002_users.sql", PLAIN),
                        "file.duplicate-version",
                        List.of("more than one file", "2_users.up.sql", "002_users.sql")),
                arguments("a golang-migrate down next to a numbered up",
                        files("005_users.sql", PLAIN, "5_users.down.sql", PLAIN),
                        "file.duplicate-version",
                        List.of("5_users.down.sql (golang-migrate) is not the down script of", "005_users.sql (numbered)")),
                arguments("golang-migrate down without its up",
                        files("7_drop_users.down.sql", PLAIN),
                        "file.down-without-up",
                        List.of("7_drop_users.down.sql: is a down script of version 7",
                                "no up script for that version")),
                arguments("rollback sibling without its up",
                        files("008_users_rollback.sql", PLAIN),
                        "file.down-without-up",
                        List.of("008_users_rollback.sql: is a down script of version 008")),
                arguments("dbmate down without up",
                        files("009_users.sql", "-- migrate:down\nDROP TABLE users;\n"),
                        "file.dbmate-without-up",
                        List.of("009_users.sql:1: has '-- migrate:down' but no '-- migrate:up' section")),
                arguments("dbmate down above up",
                        files("009_users.sql", "SELECT 0;\n-- migrate:down\nDROP TABLE users;\n-- migrate:up\nSELECT 1;\n"),
                        "file.dbmate-order",
                        List.of("009_users.sql:2: '-- migrate:down' comes before '-- migrate:up'")),
                arguments("dbmate second up section",
                        files("009_users.sql", "-- migrate:up\nSELECT 1;\n-- migrate:up\nSELECT 2;\n"),
                        "file.dbmate-duplicate-section",
                        List.of("009_users.sql:3: a second '-- migrate:up' section")),
                arguments("digits but no convention",
                        files("12.sql", PLAIN),
                        "file.unrecognised",
                        List.of("12.sql: starts with a version but matches no migration convention",
                                "or add it to the ignore globs")));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("problemFiles")
    void reportsAProblemInsteadOfThrowing(String what, Map<String, String> files, String code, List<String> fragments)
            throws IOException {
        write("100_unrelated.sql", PLAIN);
        for (Map.Entry<String, String> f : files.entrySet()) {
            write(f.getKey(), f.getValue());
        }

        Discovery d = scan();

        assertThat(d.problems()).hasSize(1);
        Problem p = d.problems().get(0);
        assertThat(p.code()).isEqualTo(code);
        assertThat(p.message()).contains(fragments);
        assertThat(d.migrations()).extracting(Migration::script).containsExactly("100_unrelated.sql");
    }

    @Test
    void duplicateVersionNamesBothFilesWithTheirPaths() throws IOException {
        Path first = write("001_create_users.sql", PLAIN);
        Path second = write("1_create_accounts.up.sql", PLAIN);

        Problem p = scan().problems().get(0);

        assertThat(p.message()).contains(first.toString(), second.toString());
    }

    @Test
    void invalidUtf8IsAProblemNotASilentSkip() throws IOException {
        Path bad = dir.resolve("011_bad.sql");
        Files.write(bad, new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', (byte) 0xC3, (byte) 0x28, ';', '\n'});
        write("010_good.sql", PLAIN);

        Discovery d = scan();

        assertThat(d.problems()).containsExactly(
                new Problem("file.encoding", bad + ": is not valid UTF-8; save it as UTF-8"));
        assertThat(d.ignored()).isEmpty();
        assertThat(d.migrations()).extracting(Migration::script).containsExactly("010_good.sql");
    }

    @Test
    void aReplacementCharacterWrittenInTheFileIsTextNotAnEncodingError() throws IOException {
        write("012_marker.sql", "COMMENT ON TABLE t IS 'unknown: \uFFFD';\n");

        Discovery d = scan();

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations().get(0).up().text()).isEqualTo("COMMENT ON TABLE t IS 'unknown: \uFFFD';\n");
    }

    @Test
    void symbolicLinksCountAsTheFilesAndFoldersTheyPointTo() throws IOException {
        Path elsewhere = Files.createTempDirectory("cairn-linked");
        try {
            Files.writeString(elsewhere.resolve("real.sql"), PLAIN);
            Files.createSymbolicLink(dir.resolve("013_linked.sql"), elsewhere.resolve("real.sql"));
            write("014_plain.sql", PLAIN);

            Discovery d = scan();

            assertThat(d.problems()).isEmpty();
            assertThat(d.migrations()).extracting(Migration::script).containsExactly("013_linked.sql", "014_plain.sql");
        } finally {
            Files.deleteIfExists(elsewhere.resolve("real.sql"));
            Files.deleteIfExists(elsewhere);
        }
    }

    @Test
    void aMigrationsDirectoryThatIsASymbolicLinkIsReadWhereItPoints() throws IOException {
        write("001_users.sql", PLAIN);
        write("sub/002_orders.sql", PLAIN);
        Path link = Files.createTempDirectory("cairn-link").resolve("migrations");
        Files.createSymbolicLink(link, dir);
        try {
            Discovery d = scanner(Map.of()).scan(List.of(link));

            assertThat(d.problems()).isEmpty();
            assertThat(d.migrations()).extracting(Migration::script).containsExactly("001_users.sql", "sub/002_orders.sql");
            assertThat(d.migrations().get(0).up().name()).startsWith(link.toString());
        } finally {
            Files.delete(link);
            Files.delete(link.getParent());
        }
    }

    /** Large directories are read on several threads; what comes out must not depend on it. */
    @Test
    void aLargeDirectoryGivesEveryFileInOrderWithItsChecksumAndEveryProblemInFileOrder() throws IOException {
        List<String> expectedProblems = new java.util.ArrayList<>();
        for (int i = 1; i <= 1200; i++) {
            String name = String.format("%05d_step_%d.sql", i, i);
            if (i % 400 == 7) {
                Path bad = dir.resolve(name);
                Files.write(bad, new byte[] {'S', 'E', 'L', (byte) 0xC3, (byte) 0x28, ';'});
                expectedProblems.add(bad + ": is not valid UTF-8; save it as UTF-8");
            } else if (i % 500 == 3) {
                write(name.replace(".sql", ".txt"), "not a migration");
            } else {
                write(name, "CREATE TABLE t_" + i + " (id int);\n");
            }
        }

        Discovery d = scan();

        assertThat(d.problems()).extracting(Problem::message).containsExactlyElementsOf(expectedProblems);
        assertThat(d.ignored()).extracting(Ignored::path).hasSize(3).allMatch(p -> p.endsWith(".txt"));
        assertThat(d.migrations()).hasSize(1200 - 3 - 3);
        for (int k = 1; k < d.migrations().size(); k++) {
            assertThat(d.migrations().get(k).version()).isGreaterThan(d.migrations().get(k - 1).version());
        }
        for (Migration m : d.migrations()) {
            assertThat(m.checksum()).as(m.script()).isEqualTo(Checksum.of(m.up().text()));
            assertThat(m.up().text()).isEqualTo("CREATE TABLE t_" + m.version().text().replaceFirst("^0+", "") + " (id int);\n");
        }
    }

    @Test
    void requireValidThrowsAUsageErrorListingEveryProblem() throws IOException {
        write("001_a.sql", PLAIN);
        write("1_b.sql", PLAIN);
        write("7_drop_users.down.sql", PLAIN);
        write("12.sql", PLAIN);
        Discovery d = scan();
        assertThat(d.problems()).hasSize(3);

        assertThatThrownBy(d::requireValid)
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CairnException.Kind.USAGE);
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.code()).isEqualTo(d.problems().get(0).code());
                    assertThat(e.getMessage())
                            .startsWith("the migration files have 3 problems; nothing was run:")
                            .contains(d.problems().stream().map(Problem::message).toList());
                });
    }

    @Test
    void requireValidSaysProblemInTheSingular() throws IOException {
        write("12.sql", PLAIN);

        assertThatThrownBy(() -> scan().requireValid())
                .isInstanceOf(CairnException.class)
                .hasMessageStartingWith("the migration files have 1 problem; nothing was run:")
                .hasMessageContaining("12.sql: starts with a version");
    }

    @Test
    void requireValidReturnsTheMigrationsWhenThereAreNoProblems() throws IOException {
        write("001_a.sql", PLAIN);
        write("002_b.sql", PLAIN);

        assertThat(scan().requireValid()).extracting(Migration::script).containsExactly("001_a.sql", "002_b.sql");
    }

    @Test
    void emptyDirectoryIsNoMigrationsAndNoProblems() {
        Discovery d = scan();

        assertThat(d.migrations()).isEmpty();
        assertThat(d.problems()).isEmpty();
        assertThat(d.requireValid()).isEmpty();
    }

    @Test
    void missingDirectoryIsAUsageError() {
        Path missing = dir.resolve("db/migrations");

        assertThatThrownBy(() -> scanner(Map.of()).scan(List.of(missing)))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CairnException.Kind.USAGE);
                    assertThat(e.code()).isEqualTo("dir.missing");
                    assertThat(e.getMessage()).contains("migrations directory " + missing + " does not exist",
                            "point dir at your migrations");
                });
    }

    // ---- per-migration settings --------------------------------------------------------------------

    @ParameterizedTest(name = "[migrations.\"{0}\"] transaction = {1} -> 040 {2}, 041 {3}")
    @CsvSource({
            "40,  false, NONE, NONE",
            "040, false, NONE, NONE",
            "41,  true,  AUTO, AUTO",
            "40,  unset, AUTO, NONE",
    })
    void settingsChooseTheTransactionModeOfOneMigration(String key, String transaction,
                                                        Migration.Transaction expected40,
                                                        Migration.Transaction expected41) throws IOException {
        write("040_index_concurrently.sql", "CREATE INDEX CONCURRENTLY i ON t (id);\n");
        write("041_vacuum.sql", "-- cairn:no-transaction\nVACUUM t;\n");
        Optional<Boolean> tx = transaction.equals("unset") ? Optional.empty() : Optional.of(Boolean.valueOf(transaction));

        Discovery d = scanner(Map.of(key, new MigrationSettings(tx))).scan(List.of(dir));

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).extracting(Migration::transaction).containsExactly(expected40, expected41);
    }

    @Test
    void settingsForAnUnknownVersionAreAProblem() throws IOException {
        write("040_index_concurrently.sql", PLAIN);

        Discovery d = scanner(Map.of("99", new MigrationSettings(Optional.of(false)))).scan(List.of(dir));

        assertThat(d.problems()).containsExactly(new Problem("config.migration-unknown",
                "configuration [migrations.\"99\"]: no migration has version 99; fix the version or remove the section"));
        assertThat(d.migrations()).extracting(Migration::transaction).containsExactly(Migration.Transaction.AUTO);
    }

    @Test
    void settingsWithAKeyThatIsNotAVersionAreAProblem() throws IOException {
        write("040_index_concurrently.sql", PLAIN);

        Discovery d = scanner(Map.of("forty", MigrationSettings.none())).scan(List.of(dir));

        assertThat(d.problems()).extracting(Problem::code).containsExactly("config.migration-version");
        assertThat(d.problems().get(0).message()).contains("[migrations.\"forty\"]", "'forty' is not a version");
    }

    // ---- checksums of Windows checkouts -------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "003_add_users.sql",
            "3_add_users.up.sql",
    })
    void crlfFileHasTheSameChecksumAsItsLfCopy(String name) throws IOException {
        String lf = "-- users\nCREATE TABLE users (id int);\n\nINSERT INTO users VALUES (1);\n";

        assertThat(checksumOfCopies(name, lf)).containsOnly(checksumOf("lf", name, lf));
    }

    @Test
    void crlfDbmateFileHasTheSameChecksumAsItsLfCopy() throws IOException {
        String lf = "-- migrate:up\nCREATE TABLE users (id int);\n\n-- migrate:down\nDROP TABLE users;\n";

        assertThat(checksumOfCopies("20240115093000_users.sql", lf))
                .containsOnly(checksumOf("lf", "20240115093000_users.sql", lf));
    }

    @Test
    void crlfDbmateFileKeepsItsSectionsAndTransactionMode() throws IOException {
        write("001_index.sql",
                "-- migrate:up transaction:false\r\nCREATE INDEX CONCURRENTLY i ON t (id);\r\n-- migrate:down\r\nDROP INDEX i;\r\n");

        Migration m = onlyMigration(scan());

        assertThat(m.transaction()).isEqualTo(Migration.Transaction.NONE);
        assertThat(m.up().text()).contains("CREATE INDEX CONCURRENTLY i ON t (id);").doesNotContain("migrate:");
        assertThat(m.up().firstLine()).isEqualTo(2);
        assertThat(m.down().orElseThrow().text()).contains("DROP INDEX i;").doesNotContain("migrate:");
        assertThat(m.down().orElseThrow().firstLine()).isEqualTo(4);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** The checksums of a CRLF copy and of a CRLF copy with a BOM, each in its own directory. */
    private List<String> checksumOfCopies(String name, String lf) throws IOException {
        String crlf = lf.replace("\n", "\r\n");
        return List.of(checksumOf("crlf", name, crlf), checksumOf("bom-crlf", name, "\uFEFF" + crlf));
    }

    private String checksumOf(String subdir, String name, String text) throws IOException {
        Path d = Files.createDirectories(dir.resolve(subdir));
        Files.writeString(d.resolve(name), text, StandardCharsets.UTF_8);
        return onlyMigration(scanner(Map.of()).scan(List.of(d))).checksum();
    }

    private static Map<String, String> files(String... nameThenText) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenText.length; i += 2) {
            out.put(nameThenText[i], nameThenText[i + 1]);
        }
        return out;
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private Discovery scan() {
        return scanner(Map.of()).scan(List.of(dir));
    }

    private static DirectoryScan scanner(Map<String, MigrationSettings> settings) {
        return new DirectoryScan(DirectoryScan.DEFAULT_IGNORE, settings);
    }

    private static Migration onlyMigration(Discovery d) {
        assertThat(d.problems()).as("problems").isEmpty();
        assertThat(d.migrations()).as("migrations").hasSize(1);
        return d.migrations().get(0);
    }
}
