package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * backup, restore and migrate --backup through the real command line against a real PostgreSQL,
 * with the real pg_dump, pg_restore and psql from the PATH, and fake ones where a test needs to see
 * how they are called or make them fail.
 */
class BackupRestoreTest {

    private static final String PASSWORD = "Sup3r-S3cret-pw";

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    @TempDir
    Path bin;

    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL);\n"
                        + "INSERT INTO users VALUES (1, 'ada'), (2, 'grace'), (3, 'o''brien');", "DROP TABLE users;")
                .dbmate("002_orders.sql", "CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users,"
                        + " total numeric(10,2));\nINSERT INTO orders VALUES (10, 1, 9.99), (11, 3, 120.00);\n"
                        + "CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;",
                        "DROP VIEW big_orders;\nDROP TABLE orders;");
        cli = new Cli(cwd).env("DATABASE_URL", db.url());
    }

    @Test
    void customBackupRestoresTheSameRowsAndPrintsTheRestoreCommands() throws Exception {
        assumeClientTools();
        assertThat(cli.run("migrate").exit()).isZero();
        List<String> before = snapshot();

        Cli.Result backup = cli.run("backup");
        assertThat(backup.exit()).as(backup.all()).isZero();
        Path file = onlyBackup(".dump");
        String shown = "backups/" + file.getFileName();
        assertThat(file.getFileName().toString()).matches(db.name() + "_\\d{8}_\\d{6}\\.dump");
        assertThat(backup.out()).contains("backed up " + db.name() + " to " + shown)
                .contains("restore with: cairn restore " + shown)
                .contains("pg_restore --clean --if-exists --no-owner --single-transaction -h ")
                .contains("-d " + db.name() + " " + shown);

        db.execute("UPDATE users SET name = 'changed'", "DROP VIEW big_orders", "DELETE FROM orders",
                "CREATE TABLE scratch (x int)");
        Cli.Result restore = cli.run("restore", shown, "--yes");
        assertThat(restore.exit()).as(restore.all()).isZero();
        assertThat(restore.out()).contains("restored " + shown + " into " + db.name());
        assertThat(snapshotWithout("scratch")).isEqualTo(before);
        assertThat(db.relations()).as("objects created after the backup stay").contains("scratch");
    }

    @Test
    void plainBackupIsGzippedSqlAndRestoresTheSameRows() throws Exception {
        assumeClientTools();
        cli.run("migrate");
        List<String> before = snapshot();

        Cli.Result backup = cli.run("backup", "--format", "plain", "--out-dir", "dumps", "--json");
        assertThat(backup.exit()).as(backup.all()).isZero();
        JsonNode doc = new ObjectMapper().readTree(backup.out());
        Path file = cwd.resolve(doc.get("file").asText());
        assertThat(file.getParent()).isEqualTo(cwd.resolve("dumps"));
        assertThat(file.getFileName().toString()).matches(db.name() + "_\\d{8}_\\d{6}\\.sql\\.gz");
        assertThat(doc.get("format").asText()).isEqualTo("plain");
        assertThat(doc.get("bytes").asLong()).isEqualTo(Files.size(file));
        assertThat(doc.get("restoreCommand").asText()).isEqualTo("cairn restore dumps/" + file.getFileName());
        assertThat(doc.get("toolCommand").asText()).startsWith("gunzip -c dumps/" + file.getFileName()
                + " | psql -X -q -v ON_ERROR_STOP=1 --single-transaction");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("DROP TABLE IF EXISTS public.users").contains("CREATE TABLE public.users");
        }

        db.execute("DROP VIEW big_orders", "DROP TABLE orders", "UPDATE users SET name = 'x'");
        Cli.Result restore = cli.run("restore", "dumps/" + file.getFileName(), "--yes", "--json");
        assertThat(restore.exit()).as(restore.all()).isZero();
        assertThat(new ObjectMapper().readTree(restore.out()).get("format").asText()).isEqualTo("plain");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void retentionDeletesOnlyThisDatabasesOwnOldBackups() throws Exception {
        assumeClientTools();
        Path dir = Files.createDirectories(cwd.resolve("backups"));
        String recent = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC)
                .format(Instant.now().minusSeconds(86_400));
        List<String> old = List.of(db.name() + "_20200101_000000.dump", db.name() + "_20200102_030405.sql.gz");
        List<String> kept = List.of(db.name() + "_" + recent + ".dump", "other_20200101_000000.dump",
                db.name() + "x_20200101_000000.dump", db.name() + "_20200101_000000.dump.bak",
                db.name() + "_2020.dump", db.name() + "_20201399_000000.dump",
                "notes.txt", "x" + db.name() + "_20200101_000000.sql.gz");
        for (String f : Stream.concat(old.stream(), kept.stream()).toList()) {
            Files.writeString(dir.resolve(f), "not a dump");
        }
        String stale = db.name() + "_20200101_000000.dump.partial";
        Files.writeString(dir.resolve(stale), "what a killed backup left");

        Cli.Result r = cli.run("backup", "--keep-days", "7", "--json");
        assertThat(r.exit()).as(r.all()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("keepDays").asInt()).isEqualTo(7);
        List<String> deleted = new ArrayList<>();
        doc.get("deleted").forEach(d -> deleted.add(d.asText()));
        assertThat(deleted).containsExactly("backups/" + old.get(0), "backups/" + old.get(1));
        for (String f : old) {
            assertThat(dir.resolve(f)).doesNotExist();
        }
        for (String f : kept) {
            assertThat(dir.resolve(f)).exists();
        }
        assertThat(cwd.resolve(doc.get("file").asText())).exists();
        assertThat(doc.get("partialsRemoved").get(0).asText()).isEqualTo("backups/" + stale);
        assertThat(dir.resolve(stale)).doesNotExist();

        Cli.Result text = cli.run("backup", "--keep-days", "7");
        assertThat(text.out()).contains("retention: no backups of " + db.name() + " older than 7 days");
    }

    @Test
    void thePasswordReachesPgDumpOnlyInItsEnvironment() throws Exception {
        Path log = cwd.resolve("fake.log");
        fakeTool("pg_dump", """
                printf '%s\\n' "$@" >> "$FAKE_LOG"
                if [ -n "$PGPASSWORD" ]; then echo "env PGPASSWORD=$PGPASSWORD" >> "$FAKE_LOG"; else echo "env none" >> "$FAKE_LOG"; fi
                for a in "$@"; do case "$a" in --file=*) echo fake > "${a#--file=}";; esac; done
                echo "pg_dump: warning: connecting with password $PGPASSWORD" >&2
                """);
        Cli.Result r = fakeCli().env("FAKE_LOG", log.toString()).env("DATABASE_URL", urlWithPassword()).run("backup");
        assertThat(r.exit()).as(r.all()).isZero();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).contains("env PGPASSWORD=" + PASSWORD);
        List<String> argv = lines.stream().filter(l -> !l.startsWith("env ")).toList();
        assertThat(argv).contains("-h", "-p", "-U", "postgres", "-d", db.name(), "--format=custom", "--no-password")
                .noneMatch(a -> a.contains(PASSWORD));
        assertThat(r.all()).doesNotContain(PASSWORD).contains("pg_restore").doesNotContain("PGPASSWORD=");
    }

    @Test
    void migrateBackupThatFailsAppliesNothingAndShowsTheToolsErrorWithoutThePassword() throws Exception {
        fakeTool("pg_dump", "echo \"pg_dump: error: connection failed: FATAL: no pg_hba.conf entry (password"
                + " $PGPASSWORD)\" >&2\nexit 1\n");
        Cli.Result r = fakeCli().env("DATABASE_URL", urlWithPassword()).run("migrate", "--backup");
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("the backup before migrating failed, so no migration was applied")
                .contains("pg_dump failed (exit 1)").contains("no pg_hba.conf entry (password ***)")
                .contains("no backup was written");
        assertThat(r.all()).doesNotContain(PASSWORD);
        assertThat(db.relations()).doesNotContain("users", "orders");
        try (Stream<Path> files = Files.list(Files.createDirectories(cwd.resolve("backups")))) {
            assertThat(files.toList()).as("no partial file is left").isEmpty();
        }
    }

    @Test
    void migrateBacksUpByDefaultInAProtectedEnvironmentOnlyWhenSomethingIsPending() throws Exception {
        assumeClientTools();
        Cli.Result first = cli.run("migrate", "--env", "production");
        assertThat(first.exit()).as(first.all()).isZero();
        assertThat(first.out()).contains("backed up " + db.name() + " to backups/" + db.name() + "_")
                .contains("before migrating; restore with: cairn restore backups/").contains("--env production")
                .contains("applied 2 migrations");
        assertThat(backups()).hasSize(1);

        Cli.Result again = cli.run("migrate", "--env", "production");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("up to date").doesNotContain("backed up");
        assertThat(backups()).hasSize(1);

        db.reset();
        Cli.Result skipped = cli.run("migrate", "--env", "production", "--no-backup");
        assertThat(skipped.exit()).isZero();
        assertThat(skipped.out()).doesNotContain("backed up");
        assertThat(backups()).hasSize(1);
    }

    @Test
    void restoreWithoutYesAndWithoutATerminalRefusesAndChangesNothing() throws Exception {
        assumeClientTools();
        cli.run("migrate");
        cli.run("backup");
        String shown = "backups/" + onlyBackup(".dump").getFileName();
        db.execute("UPDATE users SET name = 'after the backup'", "DROP VIEW big_orders");
        List<String> changed = snapshot();

        Cli.Result r = cli.run("restore", shown);
        assertThat(r.exit()).isEqualTo(6);
        assertThat(r.err()).contains("restore " + shown + " into " + db.name() + " needs confirmation")
                .contains("run again with --yes").contains("Nothing was changed");
        assertThat(snapshot()).isEqualTo(changed);

        Cli.Result no = new Cli(cwd).env("DATABASE_URL", db.url()).terminal("n\n").run("restore", shown);
        assertThat(no.exit()).isEqualTo(6);
        assertThat(no.err()).contains("about to restore " + shown).contains("[y/N]");
        assertThat(snapshot()).isEqualTo(changed);
    }

    @Test
    void restoreInAProtectedEnvironmentNeedsTheDatabaseNameConfirmed() throws Exception {
        assumeClientTools();
        cli.run("migrate");
        cli.run("backup");
        String shown = "backups/" + onlyBackup(".dump").getFileName();
        db.execute("UPDATE users SET name = 'after the backup'");
        List<String> changed = snapshot();

        Cli.Result r = cli.run("restore", shown, "--env", "production", "--yes");
        assertThat(r.exit()).isEqualTo(6);
        assertThat(r.err()).contains("in the protected environment 'production' needs --yes --confirm " + db.name());
        assertThat(snapshot()).isEqualTo(changed);

        Cli.Result ok = cli.run("restore", shown, "--env", "production", "--yes", "--confirm", db.name());
        assertThat(ok.exit()).as(ok.all()).isZero();
        assertThat(db.column("SELECT name FROM users ORDER BY id")).containsExactly("ada", "grace", "o'brien");
    }

    @Test
    void aFailingRestoreIsRolledBackAndSaysWhy() throws Exception {
        assumeClientTools();
        cli.run("migrate");
        cli.run("backup");
        String shown = "backups/" + onlyBackup(".dump").getFileName();
        db.execute("UPDATE users SET name = 'after the backup'", "CREATE VIEW user_names AS SELECT name FROM users");
        List<String> changed = snapshot();

        Cli.Result r = cli.run("restore", shown, "--yes");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("pg_restore failed (exit 1) restoring " + shown)
                .contains("cannot drop table public.users because other objects depend on it")
                .contains("rolled back: the restore ran in one transaction; the database is as it was");
        assertThat(snapshot()).isEqualTo(changed);
    }

    @Test
    void aTruncatedPlainBackupStopsPsqlBeforeItCommits() throws Exception {
        assumeClientTools();
        cli.run("migrate");
        cli.run("backup", "--format", "plain");
        Path file = onlyBackup(".sql.gz");
        byte[] all = Files.readAllBytes(file);
        Path cut = cwd.resolve("cut.sql.gz");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length * 2 / 3));
        db.execute("UPDATE users SET name = 'after the backup'");
        List<String> changed = snapshot();

        Cli.Result r = cli.run("restore", "cut.sql.gz", "--yes");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cut.sql.gz cannot be read to its end").contains("the database is as it was");
        assertThat(snapshot()).isEqualTo(changed);
    }

    @Test
    void missingToolsExitTwoNamingWhatToInstall() throws Exception {
        int major = Integer.parseInt(db.scalar("SHOW server_version_num")) / 10000;
        Path empty = Files.createDirectories(cwd.resolve("empty-bin"));
        Cli noTools = new Cli(cwd).env("DATABASE_URL", db.url()).env("PATH", empty.toString());

        Cli.Result backup = noTools.run("backup");
        assertThat(backup.exit()).isEqualTo(2);
        assertThat(backup.err()).contains("pg_dump is not on the PATH")
                .contains("install the PostgreSQL " + major + " client tools (Debian/Ubuntu: apt-get install"
                        + " postgresql-client-" + major);
        assertThat(cwd.resolve("backups")).doesNotExist();

        Files.write(cwd.resolve("x.dump"), "PGDMP-not-really".getBytes(StandardCharsets.US_ASCII));
        Cli.Result restore = noTools.run("restore", "x.dump", "--yes");
        assertThat(restore.exit()).isEqualTo(2);
        assertThat(restore.err()).contains("pg_restore is not on the PATH").contains("postgresql-client-" + major);
    }

    @Test
    void aPgDumpOlderThanTheServerExitsTwo() throws Exception {
        int major = Integer.parseInt(db.scalar("SHOW server_version_num")) / 10000;
        fakeTool("pg_dump", "exit 0\n", "pg_dump (PostgreSQL) 9.6.24");
        Cli.Result r = fakeCli().run("backup");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("pg_dump 9.6").contains("is older than the server, PostgreSQL " + major)
                .contains("postgresql-client-" + major);
    }

    @Test
    void restoreOfAMissingOrForeignFileExitsTwo() throws Exception {
        Cli.Result missing = cli.run("restore", "backups/nope.dump", "--yes");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("backup file backups/nope.dump does not exist").contains("nothing was changed");

        Files.writeString(cwd.resolve("notes.sql"), "SELECT 1;");
        Cli.Result foreign = cli.run("restore", "notes.sql", "--yes");
        assertThat(foreign.exit()).isEqualTo(2);
        assertThat(foreign.err()).contains("is neither a pg_dump custom archive (.dump) nor gzipped SQL (.sql.gz)");
    }

    @Test
    void badOptionsExitTwo() {
        assertThat(cli.run("backup", "--format", "tar").exit()).isEqualTo(2);
        assertThat(cli.run("backup", "--keep-days", "-2").exit()).isEqualTo(2);
        assertThat(cli.run("restore").exit()).isEqualTo(2);
    }

    @Test
    void aPlainBackupHoldingAMetaCommandIsRefusedBeforeAnythingRuns() throws Exception {
        assumeClientTools();
        cli.run("migrate");
        List<String> before = snapshot();
        Path pwned = cwd.resolve("PWNED");
        gzip("evil.sql.gz", "CREATE TABLE restore_marker (a int);\n\\! touch " + pwned + "\n");
        Cli.Result r = cli.run("restore", "evil.sql.gz", "--yes");
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("evil.sql.gz:2 holds the psql meta-command '\\! touch ").contains("PWNED'")
                .contains("nothing was changed");
        assertThat(pwned).doesNotExist();
        assertThat(snapshot()).isEqualTo(before);

        gzip("inline.sql.gz", "CREATE TABLE restore_marker (a int);\nSELECT 1; \\! touch " + pwned + "\n");
        Cli.Result inline = cli.run("restore", "inline.sql.gz", "--yes");
        assertThat(inline.exit()).as(inline.all()).isEqualTo(2);
        assertThat(inline.err()).contains("inline.sql.gz:2 holds the psql meta-command '\\! touch");

        gzip("unrestrict.sql.gz", "\\restrict abc\nSELECT 1;\n\\unrestrict other\n\\! touch " + pwned + "\n");
        Cli.Result unrestrict = cli.run("restore", "unrestrict.sql.gz", "--yes");
        assertThat(unrestrict.exit()).as(unrestrict.all()).isEqualTo(2);
        assertThat(unrestrict.err()).contains("unrestrict.sql.gz:3 holds the psql meta-command '\\unrestrict other'");

        // psql's own restricted mode refuses what the scan cannot see: with standard_conforming_strings
        // off, psql ends the first string at the second quote, and \! is outside any string.
        gzip("tricky.sql.gz", "CREATE TABLE restore_marker (a int);\nSET standard_conforming_strings = off;\n"
                + "SELECT 'a\\' , ' \\! touch " + pwned + " ';\n");
        Cli.Result tricky = cli.run("restore", "tricky.sql.gz", "--yes");
        assertThat(tricky.exit()).as(tricky.all()).isEqualTo(1);
        assertThat(tricky.err()).contains("backslash commands are restricted").contains("the database is as it was");
        assertThat(pwned).doesNotExist();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void backslashesInCopyDataStringsDollarQuotesAndCommentsAreNotMetaCommands() throws Exception {
        assumeClientTools();
        gzip("fine.sql.gz", "\\restrict k3y\nCREATE TABLE t (a text);\nCOPY public.t (a) FROM stdin;\n"
                + "\\\\! not a command\n\\.\nINSERT INTO t VALUES ($body$\n\\! in a dollar quote\n$body$);\n"
                + "INSERT INTO t VALUES ('\\! x'), (E'\\\\ \\' \\! y');\n"
                + "/* \\! a comment */ -- \\! another\n\\unrestrict k3y\n");
        Cli.Result r = cli.run("restore", "fine.sql.gz", "--yes");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(db.column("SELECT a FROM t")).containsExactlyInAnyOrder("\\! not a command",
                "\n\\! in a dollar quote\n", "\\! x", "\\ ' ! y");
    }

    @Test
    void retentionKeepsSevenDaysByDefaultAndMinusOneOrForeverKeepsAll() throws Exception {
        assumeClientTools();
        Path dir = Files.createDirectories(cwd.resolve("backups"));
        String old = db.name() + "_20200101_000000.dump";
        String recent = db.name() + "_" + DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC)
                .format(Instant.now().minusSeconds(6 * 86_400)) + ".dump";
        Files.writeString(dir.resolve(old), "old");
        Files.writeString(dir.resolve(recent), "recent");

        Files.writeString(cwd.resolve("cairn.toml"), "backup_keep_days = \"forever\"\n");
        Cli.Result forever = cli.run("backup", "--json");
        assertThat(forever.exit()).as(forever.all()).isZero();
        assertThat(new ObjectMapper().readTree(forever.out()).get("keepDays").isNull()).isTrue();
        assertThat(dir.resolve(old)).exists();

        Files.writeString(cwd.resolve("cairn.toml"), "backup_keep_days = 3000\n");
        assertThat(cli.run("backup").exit()).isZero();
        assertThat(dir.resolve(old)).exists();
        assertThat(cli.run("backup", "--keep-days", "-1").exit()).isZero();
        assertThat(dir.resolve(old)).exists();

        Files.delete(cwd.resolve("cairn.toml"));
        Cli.Result byDefault = cli.run("backup", "--json");
        assertThat(byDefault.exit()).as(byDefault.all()).isZero();
        JsonNode doc = new ObjectMapper().readTree(byDefault.out());
        assertThat(doc.get("keepDays").asInt()).isEqualTo(7);
        assertThat(doc.get("deleted").get(0).asText()).isEqualTo("backups/" + old);
        assertThat(dir.resolve(old)).doesNotExist();
        assertThat(dir.resolve(recent)).exists();

        Files.writeString(cwd.resolve("cairn.toml"), "backup_keep_days = \"a week\"\n");
        Cli.Result bad = cli.run("backup");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'backup_keep_days' must be a whole number of days").contains("\"forever\"");
    }

    @Test
    void migrateBackupRefusedByTheLintTakesNoBackup() throws Exception {
        assertThat(cli.run("migrate").exit()).isZero();
        new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("003_idx.sql", "CREATE INDEX users_name ON users (name);", "DROP INDEX users_name;");
        Files.writeString(cwd.resolve("cairn.toml"), "lint = \"error\"\n");
        Path dumped = cwd.resolve("pg_dump-ran");
        fakeTool("pg_dump", "touch '" + dumped + "'\nexit 1\n");
        Cli.Result r = fakeCli().run("migrate", "--backup");
        assertThat(r.exit()).as(r.all()).isEqualTo(4);
        assertThat(r.err()).contains("require-concurrent-index-creation").contains("nothing was applied");
        assertThat(dumped).as("the lint refuses before the backup").doesNotExist();
        assertThat(db.scalar("SELECT count(*) FROM cairn_history")).isEqualTo("2");
    }

    @Test
    void migrateBackupTellsTheBackupBeforeTheMigrationsRun() throws Exception {
        assumeClientTools();
        Cli.Result r = cli.run("migrate", "--backup");
        assertThat(r.exit()).as(r.all()).isZero();
        int backedUp = r.out().indexOf("backed up " + db.name());
        int applied = r.out().indexOf("applied 001_users.sql");
        assertThat(backedUp).as(r.out()).isGreaterThanOrEqualTo(0);
        assertThat(applied).as(r.out()).isGreaterThan(backedUp);
    }

    @Test
    void migrateBackupWithTheJsonLogWritesABackupLine() throws Exception {
        assumeClientTools();
        Cli.Result r = cli.run("migrate", "--backup", "--log-format", "json");
        assertThat(r.exit()).as(r.all()).isZero();
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : r.err().split("\n")) {
            if (line.startsWith("{")) {
                lines.add(new ObjectMapper().readTree(line));
            }
        }
        JsonNode backup = lines.stream().filter(l -> l.path("event").asText().equals("backup_written")).findFirst()
                .orElseThrow(() -> new AssertionError(r.all()));
        assertThat(backup.get("msg").asText()).startsWith("backup written to ");
        assertThat(backup.get("bytes").asLong()).isPositive();
    }

    @Test
    void backupsAreOwnerOnlyInADirectoryCairnCreatesOwnerOnly() throws Exception {
        assumeClientTools();
        cli.run("migrate");
        for (String format : List.of("custom", "plain")) {
            Cli.Result r = cli.run("backup", "--format", format, "--out-dir", "new/" + format);
            assertThat(r.exit()).as(r.all()).isZero();
            Path dir = cwd.resolve("new/" + format);
            assertThat(mode(dir)).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------");
                }
            }
        }
        Path shared = Files.createDirectories(cwd.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(cli.run("backup", "--out-dir", "shared").exit()).isZero();
        assertThat(mode(shared)).as("an existing directory keeps its mode").isEqualTo("rwxr-x---");
    }

    @Test
    void thePartialFileIsOwnerOnlyAndTwoBackupsInTheSameSecondNeverShareIt() throws Exception {
        Path log = cwd.resolve("fake.log");
        fakeTool("pg_dump", """
                for a in "$@"; do case "$a" in --file=*) f="${a#--file=}"; echo "$f $(stat -c %A "$f")" >> "$FAKE_LOG"; echo dump > "$f";; esac; done
                sleep 1.5
                """);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<Cli.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> fakeCli().env("FAKE_LOG", log.toString()).run("backup")));
        }
        for (var run : runs) {
            Cli.Result r = run.get(1, java.util.concurrent.TimeUnit.MINUTES);
            assertThat(r.exit()).as(r.all()).isZero();
        }
        pool.shutdown();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(2).allMatch(l -> l.endsWith(" -rw-------"))
                .allMatch(l -> l.matches(".*/" + db.name() + "_\\d{8}_\\d{6}\\.dump\\.\\d+-[0-9a-z]+\\.partial -rw-------"));
        assertThat(lines.get(0).split(" ")[0]).isNotEqualTo(lines.get(1).split(" ")[0]);
        assertThat(backups()).hasSize(2).allMatch(f -> f.getFileName().toString().endsWith(".dump"));
    }

    @Test
    void restoreOfSomethingOtherThanAFileSaysWhatItIs() throws Exception {
        assumeTrue(File.separatorChar == '/' && Files.exists(Path.of("/dev/zero")), "a POSIX system");
        Process mkfifo = new ProcessBuilder("mkfifo", cwd.resolve("fifo.dump").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Cli.Result fifo = cli.run("restore", "fifo.dump", "--yes");
        assertThat(fifo.exit()).isEqualTo(2);
        assertThat(fifo.err()).contains("backup file fifo.dump is a FIFO (named pipe), not a regular file")
                .contains("nothing was changed");

        Files.createSymbolicLink(cwd.resolve("zero.dump"), Path.of("/dev/zero"));
        Cli.Result zero = cli.run("restore", "zero.dump", "--yes");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("backup file zero.dump is a symbolic link to /dev/zero, which is a character"
                + " device, not a regular file");

        Files.createSymbolicLink(cwd.resolve("gone.dump"), cwd.resolve("nowhere.dump"));
        Cli.Result gone = cli.run("restore", "gone.dump", "--yes");
        assertThat(gone.exit()).isEqualTo(2);
        assertThat(gone.err()).contains("backup file gone.dump is a symbolic link to nowhere.dump, which does"
                + " not exist");
    }

    @Test
    void anOutDirThatCannotBeCreatedSaysWhy() throws Exception {
        assumeClientTools();
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux");
        Cli.Result proc = cli.run("backup", "--out-dir", "/proc/nope");
        assertThat(proc.exit()).isEqualTo(2);
        assertThat(proc.err()).contains("cannot create the backup directory /proc/nope: no such file or directory");
        Files.writeString(cwd.resolve("plain-file"), "x");
        Cli.Result underFile = cli.run("backup", "--out-dir", "plain-file/sub");
        assertThat(underFile.exit()).isEqualTo(2);
        assertThat(underFile.err()).contains("cannot create the backup directory plain-file/sub: Not a directory");
    }

    private void gzip(String name, String sql) throws IOException {
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(cwd.resolve(name)))) {
            out.write(sql.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    // --- helpers

    private static void assumeClientTools() {
        for (String tool : List.of("pg_dump", "pg_restore", "psql")) {
            boolean found = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                    .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
            assumeTrue(found, tool + " is not on the PATH: install the PostgreSQL client tools to run this test");
        }
    }

    /** A URL of the test database with a password (the test servers trust local connections and ignore it). */
    private String urlWithPassword() {
        var u = db.databaseUrl();
        return "postgres://" + u.user().orElse("postgres") + ":" + PASSWORD + "@" + u.host() + ":" + u.port() + "/"
                + db.name();
    }

    /** A Cli whose PATH finds the fake tools in {@link #bin} first. */
    private Cli fakeCli() {
        return new Cli(cwd).env("DATABASE_URL", db.url()).env("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    }

    private void fakeTool(String name, String body) throws IOException {
        fakeTool(name, body, name + " (PostgreSQL) 99.0");
    }

    /** A shell script standing in for a client tool; {@code --version} prints {@code version}. */
    private void fakeTool(String name, String body, String version) throws IOException {
        assumeTrue(File.separatorChar == '/', "fake tools are shell scripts");
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\nif [ \"$1\" = \"--version\" ]; then echo '" + version + "'; exit 0; fi\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<Path> backups() throws IOException {
        Path dir = cwd.resolve("backups");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private Path onlyBackup(String extension) throws IOException {
        List<Path> all = backups();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).toString()).endsWith(extension);
        return all.get(0);
    }

    /** Tables and views, every row of the migrated tables, and the history: what a restore must bring back. */
    private List<String> snapshot() throws Exception {
        return snapshotWithout("");
    }

    private List<String> snapshotWithout(String relation) throws Exception {
        List<String> out = new ArrayList<>();
        db.relations().stream().filter(r -> !r.equals(relation)).forEach(r -> out.add("relation " + r));
        List<String> tables = List.of("users", "orders", "big_orders");
        for (String t : tables) {
            if (db.relations().contains(t)) {
                db.column("SELECT t::text FROM " + t + " t ORDER BY 1").forEach(row -> out.add(t + " " + row));
            }
        }
        if (db.relations().contains("cairn_history")) {
            out.addAll(db.column("SELECT version || ' ' || status || ' ' || checksum FROM cairn_history ORDER BY id"));
        }
        return out;
    }
}
