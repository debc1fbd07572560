package dev.cairn.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What discovery refuses before anything runs: entries that are not readable files, NUL bytes,
 * up scripts without SQL, and transaction control that does not balance. Each is a problem with
 * the file's name (and line), never a silent skip.
 */
class FileProblemsTest {

    private static final String PLAIN = "CREATE TABLE t (id int);\n";

    @TempDir
    Path dir;

    // ---- entries that are not files -------------------------------------------------------------

    @Test
    void aBrokenSymbolicLinkIsAProblem() throws IOException {
        Files.createSymbolicLink(dir.resolve("20240102000000_gone.sql"), dir.resolve("nowhere.sql"));
        assertOneProblem("file.not-a-file", dir.resolve("20240102000000_gone.sql")
                + ": is a broken symbolic link (what it points to does not exist)");
    }

    @Test
    void aSymbolicLinkLoopIsAProblem() throws IOException {
        Files.createSymbolicLink(dir.resolve("20240102000000_loop.sql"), dir.resolve("20240102000000_loop.sql"));
        assertOneProblem("file.not-a-file", dir.resolve("20240102000000_loop.sql") + ": is a symbolic link loop");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFifoIsAProblemAndIsNeverOpened() throws Exception {
        Path fifo = dir.resolve("20240102000000_pipe.sql");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        // Opening a FIFO for reading waits for a writer: a scan that opened it would hang here.
        assertOneProblem("file.not-a-file", fifo + ": is a FIFO (named pipe), not a file");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aSymbolicLinkToADeviceIsAProblem() throws IOException {
        Files.createSymbolicLink(dir.resolve("20240102000000_zero.sql"), Path.of("/dev/zero"));
        assertOneProblem("file.not-a-file", dir.resolve("20240102000000_zero.sql")
                + ": is a symbolic link to a character device, not to a file");
    }

    @Test
    void aDirectoryNamedLikeAMigrationFileIsAProblem() throws IOException {
        Files.createDirectories(dir.resolve("20240102000000_dir.sql"));
        write("20240102000000_dir.sql/inside.sql", PLAIN);
        assertOneProblem("file.not-a-file", dir.resolve("20240102000000_dir.sql") + ": is a directory, not a file");
    }

    @Test
    void aSymbolicLinkToADirectoryNamedLikeAMigrationFileIsAProblem() throws IOException {
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve("20240102000000_linked.sql"), dir.resolve("elsewhere"));
        assertOneProblem("file.not-a-file", dir.resolve("20240102000000_linked.sql")
                + ": is a symbolic link to a directory, not a file");
    }

    @Test
    void problemsOfEntriesSayWhatToDoAndRequireValidListsThem() throws IOException {
        Files.createSymbolicLink(dir.resolve("20240102000000_gone.sql"), dir.resolve("nowhere.sql"));
        Files.createDirectories(dir.resolve("20240103000000_dir.sql"));
        write("20240101000000_ok.sql", PLAIN);

        Discovery d = scan();

        assertThat(d.problems()).extracting(Problem::message).allSatisfy(m -> assertThat(m)
                .contains("Cairn cannot read it as a migration: fix or remove it, or add it to the ignore globs"));
        assertThat(d.problems()).hasSize(2);
        assertThat(d.migrations()).extracting(Migration::script).containsExactly("20240101000000_ok.sql");
        org.assertj.core.api.Assertions.assertThatThrownBy(d::requireValid)
                .satisfies(e -> assertThat(((dev.cairn.error.CairnException) e).exitCode()).isEqualTo(2))
                .hasMessageContaining("2 problems").hasMessageContaining("is a broken symbolic link")
                .hasMessageContaining("is a directory, not a file");
    }

    @Test
    void entriesTheIgnoreRulesCoverAreIgnoredNotProblems() throws IOException {
        Files.createSymbolicLink(dir.resolve("notes.md"), dir.resolve("nowhere.md"));
        Files.createSymbolicLink(dir.resolve(".20240102000000_hidden.sql"), dir.resolve("nowhere.sql"));
        Files.createDirectories(dir.resolve("COMBINED_all.sql"));
        write("20240101000000_ok.sql", PLAIN);

        Discovery d = scan();

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).hasSize(1);
    }

    @Test
    void dieselFoldersAreStillMigrations() throws IOException {
        write("2024-01-15-093000_users/up.sql", PLAIN);
        write("2024-01-15-093000_users/down.sql", "DROP TABLE t;\n");

        Discovery d = scan();

        assertThat(d.problems()).isEmpty();
        assertThat(d.migrations()).extracting(Migration::script).containsExactly("2024-01-15-093000_users");
    }

    // ---- NUL bytes ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "transactional    | ''",
        "no transaction   | '-- cairn:no-transaction\n'"})
    void aNulByteIsAProblemWithItsLineAndColumn(String what, String header) throws IOException {
        Path f = write("003_nul.sql", header + "CREATE TABLE t (id int);\nINSERT INTO t VALUES ('a\0b');\n");
        int line = header.isEmpty() ? 2 : 3;
        assertOneProblem("file.nul", f + ":" + line + ":25: holds a NUL byte (0x00), which PostgreSQL does not"
                + " accept in SQL text; remove it");
    }

    // ---- up scripts without SQL -----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "dbmate template           | 20240101000000_new.sql | '-- migrate:up\n\n-- migrate:down\n\n'",
        "dbmate comments only      | 20240101000000_new.sql | '-- migrate:up\n-- write me\n/* later */\n-- migrate:down\nDROP TABLE t;\n'",
        "numbered, comments only   | 003_new.sql            | '-- nothing yet\n\n'",
        "numbered, blank           | 003_new.sql            | ''",
        "golang-migrate up         | 3_new.up.sql           | '\n'",
        "flyway                    | V3__new.sql            | '-- TODO\n;\n'"})
    void anUpScriptWithoutSqlIsAProblem(String what, String name, String text) throws IOException {
        Path f = write(name, text);
        Problem p = onlyProblem();
        assertThat(p.code()).isEqualTo("file.empty-up");
        assertThat(p.message()).startsWith(f + ": it has no SQL; write it or delete the file");
    }

    @Test
    void anEmptyDownScriptIsAllowed() throws IOException {
        write("20240101000000_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\n-- nothing to undo\n");
        write("2_b.up.sql", PLAIN);
        write("2_b.down.sql", "");

        assertThat(scan().problems()).isEmpty();
    }

    // ---- transaction control --------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unclosed BEGIN (dbmate)  | 20240102000000_begin.sql | '-- migrate:up\nBEGIN;\nCREATE TABLE bg(a int);\n' | :2: BEGIN opens a transaction that the file never commits",
        "unclosed START           | 003_start.sql | 'CREATE TABLE a (id int);\nSTART TRANSACTION;\nCREATE TABLE b (id int);\n' | :2: START opens a transaction that the file never commits",
        "second block unclosed    | 003_two.sql   | 'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nBEGIN;\nCREATE TABLE b (id int);\n' | :4: BEGIN opens a transaction",
        "COMMIT AND CHAIN at end  | 003_chain.sql | 'CREATE INDEX CONCURRENTLY i ON t (id);\nBEGIN;\nCREATE TABLE a (id int);\nCOMMIT AND CHAIN;\n' | :4: COMMIT opens a transaction",
        "COMMIT without BEGIN     | 003_commit.sql | 'CREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id int);\nCOMMIT;\n' | :2: COMMIT without a BEGIN before it",
        "ROLLBACK without BEGIN   | 003_rb.sql    | 'CREATE TABLE a (id int);\nROLLBACK;\nCREATE TABLE b (id int);\n' | :2: ROLLBACK without a BEGIN before it"})
    void unbalancedTransactionControlIsAProblemNamingTheLine(String what, String name, String text, String message)
            throws IOException {
        Path f = write(name, text);
        Problem p = onlyProblem();
        assertThat(p.code()).isEqualTo("file.transaction-control");
        assertThat(p.message()).startsWith(f + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "outer pair              | 'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n'",
        "lone trailing COMMIT    | 'CREATE TABLE a (id int);\nCOMMIT;\n'",
        "balanced blocks         | 'CREATE INDEX CONCURRENTLY i ON t (id);\nBEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nSTART TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nCREATE TABLE b (id int);\nEND;\n'",
        "rolled back block       | 'CREATE TABLE z (id int);\nBEGIN;\nCREATE TABLE a (id int);\nROLLBACK;\n'",
        "chain then commit       | 'CREATE TABLE z (id int);\nBEGIN;\nCREATE TABLE a (id int);\nCOMMIT AND CHAIN;\nCREATE TABLE b (id int);\nCOMMIT AND NO CHAIN;\n'",
        "savepoints              | 'BEGIN;\nSAVEPOINT s;\nCREATE TABLE a (id int);\nROLLBACK TO SAVEPOINT s;\nCOMMIT;\n'",
        "BEGIN in a function     | 'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND\n$$;\n'"})
    void balancedTransactionControlIsAccepted(String what, String text) throws IOException {
        write("003_ok.sql", text);
        assertThat(scan().problems()).isEmpty();
    }

    @Test
    void anUnclosedBeginInADownScriptIsAProblemToo() throws IOException {
        Path f = write("20240102000000_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nBEGIN;\nDROP TABLE a;\n");
        Problem p = onlyProblem();
        assertThat(p.code()).isEqualTo("file.transaction-control");
        assertThat(p.message()).startsWith(f + ":4: BEGIN opens a transaction that the file never commits");
    }

    @Test
    void anUnterminatedQuoteIsAProblemOfTheFilesNotOnlyOfMigrate() throws IOException {
        Path f = write("003_open.sql", "CREATE TABLE a (id int);\nINSERT INTO a VALUES ('x);\n");
        Problem p = onlyProblem();
        assertThat(p.code()).isEqualTo("sql.unterminated");
        assertThat(p.message()).startsWith(f + ":2:23: unterminated quoted string");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void assertOneProblem(String code, String message) {
        Problem p = onlyProblem();
        assertThat(p.code()).isEqualTo(code);
        assertThat(p.message()).startsWith(message);
    }

    private Problem onlyProblem() {
        Discovery d = scan();
        assertThat(d.problems()).as("problems").hasSize(1);
        return d.problems().get(0);
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private Discovery scan() {
        return new DirectoryScan(DirectoryScan.DEFAULT_IGNORE, Map.of()).scan(List.of(dir));
    }
}
