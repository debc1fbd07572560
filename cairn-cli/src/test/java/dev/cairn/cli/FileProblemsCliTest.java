package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Migration files Cairn cannot read or run are listed with their reason: exit 2, and problems of validate. */
class FileProblemsCliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    MigrationDir m;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        m = new MigrationDir(cwd.resolve("m"))
                .dbmate("20240101000000_ok.sql", "CREATE TABLE ok (id int);", "DROP TABLE ok;");
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void unreadableEntriesAreListedWithTheirReasonByMigrateAndValidate() throws Exception {
        Path dir = m.path();
        Files.createSymbolicLink(dir.resolve("20240102000000_gone.sql"), dir.resolve("shared/nowhere.sql"));
        Files.createSymbolicLink(dir.resolve("20240103000000_loop.sql"), dir.resolve("20240103000000_loop.sql"));
        assertThat(new ProcessBuilder("mkfifo", dir.resolve("20240104000000_pipe.sql").toString()).start().waitFor())
                .isZero();
        Files.createSymbolicLink(dir.resolve("20240105000000_zero.sql"), Path.of("/dev/zero"));
        Files.createDirectories(dir.resolve("20240106000000_dir.sql"));

        Cli.Result migrate = cli().run("migrate", "-d", "m");
        assertThat(migrate.exit()).as(migrate.all()).isEqualTo(2);
        assertThat(migrate.err()).contains("5 problems")
                .contains("20240102000000_gone.sql: is a broken symbolic link")
                .contains("20240103000000_loop.sql: is a symbolic link loop")
                .contains("20240104000000_pipe.sql: is a FIFO (named pipe), not a file")
                .contains("20240105000000_zero.sql: is a symbolic link to a character device, not to a file")
                .contains("20240106000000_dir.sql: is a directory, not a file");
        assertThat(db.relations()).isEmpty();

        Cli.Result validate = cli().run("validate", "-d", "m");
        assertThat(validate.exit()).as(validate.all()).isEqualTo(4);
        assertThat(validate.all()).contains("is a broken symbolic link").contains("is a FIFO (named pipe), not a file");
    }

    @Test
    void theD4FileIsRefusedBeforeAnythingRuns() throws Exception {
        m.write("20240102000000_begin.sql", "-- migrate:up\nBEGIN;\nCREATE TABLE bg(a int);\n");
        Cli.Result r = cli().run("migrate", "-d", "m");
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("20240102000000_begin.sql:2: BEGIN opens a transaction that the file never commits");
        assertThat(db.relations()).isEmpty();
        Cli.Result v = cli().run("validate", "-d", "m");
        assertThat(v.exit()).isEqualTo(4);
        assertThat(v.all()).contains("20240102000000_begin.sql:2: BEGIN opens a transaction");
    }

    @Test
    void theTemplateOfNewIsRefusedUntilItIsWritten() throws Exception {
        Cli.Result made = cli().run("new", "add_invoices", "-d", "m");
        assertThat(made.exit()).as(made.all()).isZero();
        Cli.Result r = cli().run("migrate", "-d", "m");
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("_add_invoices.sql: it has no SQL; write it or delete the file");
        assertThat(db.relations()).isEmpty();
    }
}
