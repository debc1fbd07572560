package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.history.foreign.Sums;
import dev.cairn.history.foreign.Tool;
import dev.cairn.testing.Snapshot;
import dev.cairn.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code import} from a flyway_schema_history written by real Flyway (flyway-core 13.12.2, a test
 * dependency): Flyway migrates a small project, then Cairn takes over.
 */
class ImportFlywayTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    private static final String FLYWAY_ROWS = "SELECT format('%s|%s|%s|%s|%s|%s|%s', installed_rank, version,"
            + " description, type, script, checksum, success) FROM flyway_schema_history ORDER BY installed_rank";

    @BeforeEach
    void project() throws Exception {
        dir.write("V1__create_users.sql", "CREATE TABLE users (id int PRIMARY KEY, name text);\n")
                .write("V1_1__add_email.sql", "ALTER TABLE users ADD COLUMN email text;\n")
                .write("R__user_names.sql", "CREATE OR REPLACE VIEW user_names AS SELECT name FROM users;\n");
        // A Windows checkout with a byte order mark: Flyway's checksum ignores both, and so must Cairn's check.
        Files.write(dir.path().resolve("V2__orders.sql"), ("\uFEFF-- orders\r\nCREATE TABLE orders (id int,\r\n"
                + "  user_id int REFERENCES users);\r\n").getBytes(StandardCharsets.UTF_8));
        flyway().migrate();
        // Undo files for Cairn's rollback, added after Flyway ran (Flyway's open-source edition has no undo).
        dir.write("U1_1__add_email.sql", "ALTER TABLE users DROP COLUMN email;\n")
                .write("U2__orders.sql", "DROP TABLE orders;\n");
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(db.databaseUrl().jdbcUrl(), "postgres", null)
                .locations("filesystem:" + dir.path()).load();
    }

    private Import.Result importFlyway(boolean dryRun, boolean accept) {
        return cairn().importHistory(new Import.Request(Optional.of(Tool.FLYWAY), Optional.empty(), dryRun, accept));
    }

    @Test
    void takesOverFlywaysHistorySoNothingIsPendingAndRollbackWorks() throws Exception {
        var flywayRows = db.column(FLYWAY_ROWS);
        assertThat(flywayRows).hasSize(4);

        Import.Result r = cairn().importHistory(new Import.Request(Optional.empty(), Optional.empty(), false, false));

        assertThat(r.from()).isEqualTo("flyway");
        assertThat(r.table()).isEqualTo("public.flyway_schema_history");
        assertThat(r.problems()).isEmpty();
        assertThat(r.imported()).extracting(Import.Imported::script)
                .containsExactly("V1__create_users.sql", "V1_1__add_email.sql", "V2__orders.sql", "R__user_names.sql");
        assertThat(db.column("SELECT DISTINCT kind || ' ' || status || ' ' || batch FROM cairn_history"))
                .containsExactly("imported SUCCESS 1");
        // The applied time is Flyway's installed_on.
        assertThat(db.scalar("SELECT count(*) FROM cairn_history h JOIN flyway_schema_history f"
                + " ON f.script = h.script AND f.installed_on::timestamptz = h.applied_at")).isEqualTo("4");
        assertThat(db.column(FLYWAY_ROWS)).isEqualTo(flywayRows);

        StatusResult status = cairn().status();
        assertThat(status.hasPending()).isFalse();
        assertThat(status.migrations()).extracting(StatusResult.Item::state).containsOnly(State.APPLIED);
        assertThat(cairn().validate().valid()).isTrue();
        assertThat(cairn().migrate().upToDate()).isTrue();

        RollbackResult undone = cairn().rollback(new RollbackRequest(new RollbackRequest.Selection.Steps(2),
                RollbackRequest.Confirmation.APPROVE));
        assertThat(undone.rolledBack()).extracting(RolledBack::version).containsExactly("2", "1_1");
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"
                + " ORDER BY 1")).containsExactly("id", "name");
        assertThat(db.relations()).doesNotContain("orders");
    }

    @Test
    void cairnsCrc32IsFlywaysChecksum() throws Exception {
        for (String line : db.column("SELECT script || '|' || checksum FROM flyway_schema_history")) {
            String[] p = line.split("\\|");
            String text = new String(Files.readAllBytes(dir.path().resolve(p[0])), StandardCharsets.UTF_8);
            assertThat(Sums.flyway(text)).as(p[0]).isEqualTo(Integer.parseInt(p[1]));
        }
    }

    @Test
    void anEditedFileIsRefusedNamingTheVersionAndNothingChanges() throws Exception {
        dir.write("V1_1__add_email.sql", "ALTER TABLE users ADD COLUMN email varchar(200);\n");
        String before = Snapshot.full(db);

        Import.Result r = importFlyway(false, false);

        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith("version 1.1: V1_1__add_email.sql does not match the checksum flyway stored (Flyway's CRC32")
                .satisfies(q -> assertThat(dev.cairn.error.Host.NEUTRAL.render(q))
                        .contains("or run import accept-checksums to take")));
        assertThat(r.written()).isFalse();
        assertThat(Snapshot.full(db)).isEqualTo(before);

        Import.Result accepted = importFlyway(false, true);
        assertThat(accepted.problems()).isEmpty();
        assertThat(cairn().status().hasPending()).isFalse();
    }

    @Test
    void aFailureFlywayRecordedIsRefused() throws Exception {
        // What Flyway writes when a migration fails outside a transaction: its row with success = false.
        db.execute("UPDATE flyway_schema_history SET success = false WHERE version = '2'");
        String before = Snapshot.full(db);

        Import.Result r = importFlyway(false, false);

        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith("version 2: Flyway recorded it as failed"));
        assertThat(Snapshot.full(db)).isEqualTo(before);
    }

    @Test
    void aRecordedVersionWithoutItsFileIsRefused() throws Exception {
        dir.delete("V1_1__add_email.sql").delete("U1_1__add_email.sql");
        String before = Snapshot.full(db);

        Import.Result r = importFlyway(false, false);

        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith("version 1.1: flyway recorded it as applied, but no migration file has it"));
        assertThat(Snapshot.full(db)).isEqualTo(before);
    }

    @Test
    void aChangedRepeatableIsLeftPendingAsFlywayWouldRunItAgain() throws Exception {
        dir.write("R__user_names.sql", "CREATE OR REPLACE VIEW user_names AS SELECT name, id FROM users;\n");

        Import.Result r = importFlyway(false, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.skipped()).singleElement().satisfies(s -> assertThat(s).startsWith("R__user_names.sql: changed"));
        assertThat(cairn().status().summary().pending()).isEqualTo(1);
        assertThat(cairn().migrate().applied()).extracting(Applied::script).containsExactly("R__user_names.sql");
    }

    @Test
    void flywaysBaselineCoversEveryFileUpToItsVersion() throws Exception {
        db.reset();
        db.execute("CREATE TABLE users (id int PRIMARY KEY, name text)");
        Flyway.configure().dataSource(db.databaseUrl().jdbcUrl(), "postgres", null)
                .locations("filesystem:" + dir.path()).baselineOnMigrate(true).baselineVersion("1").load().migrate();
        assertThat(db.column("SELECT type FROM flyway_schema_history ORDER BY installed_rank"))
                .containsExactly("BASELINE", "SQL", "SQL", "SQL");

        Import.Result r = importFlyway(false, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.imported()).extracting(Import.Imported::version).containsExactly("1", "1_1", "2", "R");
        assertThat(cairn().status().hasPending()).isFalse();
        assertThat(cairn().validate().valid()).isTrue();
    }

    @Test
    void aDryRunWritesNothing() throws Exception {
        String before = Snapshot.full(db);

        Import.Result r = importFlyway(true, false);

        assertThat(r.dryRun()).isTrue();
        assertThat(r.imported()).hasSize(4);
        assertThat(Snapshot.full(db)).isEqualTo(before);
    }
}
