package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.Cairn;
import dev.cairn.error.CairnException;
import dev.cairn.migration.Migration;
import dev.cairn.migration.Problem;
import dev.cairn.migration.Version;
import dev.cairn.sql.SqlSource;
import dev.cairn.testing.Snapshot;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Files Cairn must refuse before it runs anything (exit 2, nothing touched), every command alike,
 * and the check after a migration without a transaction that its work was committed.
 */
class FileChecksTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    /** A URL nothing listens on: file problems must still come first. */
    private Cairn unreachable() {
        return Cairn.configure().url("jdbc:postgresql://127.0.0.1:9/none?user=x&connectTimeout=2").locations(dir.path())
                .load();
    }

    private static void assertUsage(Throwable e, String... fragments) {
        assertThat(e).isInstanceOf(CairnException.class);
        assertThat(((CairnException) e).exitCode()).as(e.getMessage()).isEqualTo(2);
        assertThat(e.getMessage()).contains(fragments);
    }

    @Test
    void anUnclosedBeginIsAFileErrorForEveryCommandAndNothingIsTouched() throws Exception {
        dir.write("20240101000000_ok.sql", "-- migrate:up\nCREATE TABLE ok (id int);\n-- migrate:down\nDROP TABLE ok;\n");
        cairn().migrate();
        dir.write("20240102000000_begin.sql", "-- migrate:up\nBEGIN;\nCREATE TABLE bg(a int);\n");
        String before = Snapshot.full(db);
        String where = "20240102000000_begin.sql:2: BEGIN opens a transaction that the file never commits";

        assertThatThrownBy(() -> cairn().migrate()).satisfies(e -> assertUsage(e, where));
        assertThatThrownBy(() -> cairn().dryRun(MigrateOptions.defaults())).satisfies(e -> assertUsage(e, where));
        assertThatThrownBy(() -> cairn().rollback(new RollbackRequest(new RollbackRequest.Selection.LastBatch(),
                RollbackRequest.Confirmation.APPROVE))).satisfies(e -> assertUsage(e, where));
        assertThatThrownBy(() -> cairn().reset(java.util.List.of(), plan -> true)).satisfies(e -> assertUsage(e, where));
        assertThatThrownBy(() -> unreachable().migrate()).satisfies(e -> assertUsage(e, where));
        ValidateResult v = cairn().validate();
        assertThat(v.valid()).isFalse();
        assertThat(v.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains(where));
        assertThat(Snapshot.full(db)).isEqualTo(before);
        assertThat(db.relations()).doesNotContain("bg");
    }

    @Test
    void aNulByteIsAFileErrorWithItsLineBeforeConnecting() throws Exception {
        Path tx = dir.path().resolve("001_nul.sql");
        Files.writeString(tx, "CREATE TABLE n (v text);\nINSERT INTO n VALUES ('a\0b');\n");
        assertThatThrownBy(() -> unreachable().migrate()).satisfies(e -> assertUsage(e, "001_nul.sql:2:25: holds a NUL byte"));
        assertThatThrownBy(() -> cairn().migrate()).satisfies(e -> assertUsage(e, "001_nul.sql:2:25: holds a NUL byte"));

        dir.delete("001_nul.sql");
        dir.write("002_nul.sql", "-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY i ON n (v);\nSELECT '\0';\n");
        assertThatThrownBy(() -> cairn().migrate()).satisfies(e -> assertUsage(e, "002_nul.sql:3:9: holds a NUL byte"));
        assertThat(db.relations()).as("nothing touched, not even the history table").isEmpty();
    }

    @Test
    void anUpScriptWithoutSqlIsRefusedButAnEmptyDownIsNot() throws Exception {
        dir.write("20240101000000_new.sql", "-- migrate:up\n\n-- migrate:down\n\n");
        assertThatThrownBy(() -> cairn().migrate())
                .satisfies(e -> assertUsage(e, "20240101000000_new.sql: it has no SQL; write it or delete the file"));
        assertThat(cairn().validate().problems()).extracting(Problem::code).containsExactly("file.empty-up");
        assertThat(db.relations()).isEmpty();

        dir.write("20240101000000_new.sql", "-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\n\n");
        assertThat(cairn().migrate().applied()).hasSize(1);
    }

    @Test
    void aNonTransactionalMigrationLeftInsideItsOwnTransactionIsNeverReportedApplied() throws Exception {
        // Discovery refuses such a file; this runs one past it, as a migration from elsewhere could.
        Cairn cairn = cairn();
        Migration m = new Migration(Version.of("1"), "bg", "1_bg.sql", "numbered", Migration.Kind.VERSIONED,
                new SqlSource("1_bg.sql", "CREATE TABLE before_begin (a int);\nBEGIN;\nCREATE TABLE bg (a int);\n", 1),
                null, Migration.Transaction.AUTO);
        try (Session d = Session.open(cairn.configuration())) {
            d.ensureHistory(Listener.NONE);
            ScriptPlan plan = ScriptPlan.of(m.up(), m.transaction(), d.dialect, d.serverMajor);
            assertThat(plan.transactional()).isFalse();
            assertThatThrownBy(() -> new Migrate(cairn.configuration(), Listener.NONE).apply(d, m, plan, 1, 0, false))
                    .isInstanceOf(CairnException.class)
                    .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(1))
                    .hasMessageContaining("migration 1 failed: 1_bg.sql: it ended inside a transaction it opened (BEGIN)"
                            + " and never committed");
            assertThat(d.dialect.inTransactionBlock(d.connection)).isFalse();
        }
        assertThat(db.relations()).contains("before_begin").doesNotContain("bg");
        assertThat(db.column("SELECT status FROM cairn_history")).containsExactly("FAILED");
        assertThat(db.scalar("SELECT error FROM cairn_history")).contains("never committed");
        assertThatThrownBy(() -> cairn().migrate()).satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(4));
    }

    @Test
    void aFailureInsideABlockTheFileOpensIsRecordedWithItsLine() throws Exception {
        dir.write("001_blocks.sql", "CREATE TABLE first (id int);\nBEGIN;\nCREATE TABLE second (id int);\n"
                + "SELECT 1/0;\nCOMMIT;\n");
        assertThatThrownBy(() -> cairn().migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("migration 001 failed at")
                .hasMessageContaining("001_blocks.sql:4")
                .hasMessageContaining("SQLSTATE 22012");
        assertThat(db.relations()).contains("first").doesNotContain("second");
        assertThat(db.scalar("SELECT error FROM cairn_history WHERE version = '001'")).contains("001_blocks.sql:4");
    }

    @Test
    void aBadSeedFileLeavesTheDatabaseUntouchedNotEvenTheSeedHistoryCreated() throws Exception {
        dir.write("001_users.sql", "CREATE TABLE users (email text PRIMARY KEY);\n");
        cairn().migrate();
        dev.cairn.testing.MigrationDir seeds = new dev.cairn.testing.MigrationDir(tmp.resolve("seeds"));
        seeds.write("001_ok.sql", "INSERT INTO users VALUES ('a@example.com');\n");
        Files.write(seeds.path().resolve("002_latin1.sql"),
                new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xE9, '\'', ';', '\n'});
        String before = Snapshot.full(db);

        assertThatThrownBy(() -> cairn().seed(new Seed.Options(seeds.path(), "", false)))
                .satisfies(e -> assertUsage(e, "002_latin1.sql: is not valid UTF-8"));
        assertThat(Snapshot.full(db)).isEqualTo(before);
        assertThat(db.scalar("SELECT to_regclass('cairn_seed_history')")).isNull();

        seeds.delete("002_latin1.sql").write("002_open.sql", "INSERT INTO users VALUES ('b@example.com);\n");
        assertThatThrownBy(() -> cairn().seed(new Seed.Options(seeds.path(), "", false)))
                .satisfies(e -> assertUsage(e, "002_open.sql:1:27: unterminated quoted string"));
        seeds.delete("002_open.sql").write("002_begin.sql", "BEGIN;\nINSERT INTO users VALUES ('b@example.com');\n");
        assertThatThrownBy(() -> cairn().seed(new Seed.Options(seeds.path(), "", false)))
                .satisfies(e -> assertUsage(e, "002_begin.sql:1: BEGIN opens a transaction that the file never commits"));
        assertThat(Snapshot.full(db)).isEqualTo(before);
        assertThat(db.scalar("SELECT to_regclass('cairn_seed_history')")).isNull();
    }
}
