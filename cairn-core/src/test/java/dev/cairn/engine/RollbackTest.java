package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.error.CairnException;
import dev.cairn.migration.Version;
import dev.cairn.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RollbackTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }


    /** Batch 1: 001, 002; batch 2: 003, 004. */
    void twoBatches() {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");
        cairn().migrate();
        dir.dbmate("003_c.sql", "CREATE TABLE c (id int);", "DROP TABLE c;")
                .dbmate("004_d.sql", "CREATE TABLE d (id int);", "DROP TABLE d;");
        cairn().migrate();
    }

    RollbackResult rollback(RollbackRequest.Selection s) {
        return cairn().rollback(new RollbackRequest(s, RollbackRequest.Confirmation.APPROVE));
    }

    @Test
    void defaultUndoesTheLastBatchNewestFirstAndMarksRows() throws Exception {
        twoBatches();
        RollbackResult r = rollback(new RollbackRequest.Selection.LastBatch());
        assertThat(r.rolledBack()).extracting(RolledBack::version).containsExactly("004", "003");
        assertThat(r.rolledBack()).extracting(RolledBack::downSource).containsOnly("file");
        assertThat(db.relations()).contains("a", "b").doesNotContain("c", "d");
        assertThat(db.column("SELECT version FROM cairn_history WHERE status = 'ROLLED_BACK' AND rolled_back_at IS NOT NULL"
                + " ORDER BY version")).containsExactly("003", "004");
    }

    @Test
    void stepsToBatchAndAllSelectTheRightMigrations() throws Exception {
        twoBatches();
        assertThat(rollback(new RollbackRequest.Selection.Steps(1)).rolledBack()).extracting(RolledBack::version)
                .containsExactly("004");
        assertThat(rollback(new RollbackRequest.Selection.To(Version.parse("001"))).rolledBack())
                .extracting(RolledBack::version).containsExactly("003", "002");
        cairn().migrate();
        assertThat(rollback(new RollbackRequest.Selection.Batch(1)).rolledBack()).extracting(RolledBack::version)
                .containsExactly("001");
        assertThat(rollback(new RollbackRequest.Selection.All()).rolledBack()).extracting(RolledBack::version)
                .containsExactly("004", "003", "002");
        assertThat(db.relations()).containsExactly("cairn_history");
    }

    @Test
    void reapplyAfterRollbackAddsANewRow() throws Exception {
        twoBatches();
        rollback(new RollbackRequest.Selection.LastBatch());
        MigrateResult again = cairn().migrate();
        assertThat(again.applied()).extracting(Applied::version).containsExactly("003", "004");
        assertThat(db.scalar("SELECT count(*) FROM cairn_history WHERE version = '003'")).isEqualTo("2");
        assertThat(db.relations()).contains("c", "d");
    }

    @Test
    void refusesAsAWholeWhenOneMigrationHasNoDownScript() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .write("002_b.sql", "CREATE TABLE b (id int);\n");
        withoutComputedDowns().migrate();
        assertThatThrownBy(() -> rollback(new RollbackRequest.Selection.All()))
                .isInstanceOf(CairnException.class)
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(4))
                .hasMessageContaining("cannot roll back: 002 (002_b.sql) has no down script")
                .hasMessageContaining("nothing was rolled back");
        assertThat(db.relations()).contains("a", "b");
        assertThat(db.column("SELECT DISTINCT status FROM cairn_history")).containsExactly("SUCCESS");
    }

    @Test
    void usesTheStoredDownScriptWhenTheFileIsGoneOrChanged() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");
        cairn().migrate();
        dir.delete("002_b.sql");
        dir.dbmate("001_a.sql", "CREATE TABLE a (id bigint);", "SELECT 1/0;");
        RollbackResult r = rollback(new RollbackRequest.Selection.All());
        assertThat(r.rolledBack()).extracting(RolledBack::downSource).containsExactly("history", "history");
        assertThat(db.relations()).containsExactly("cairn_history");
    }

    @Test
    void failingDownScriptLeavesItsMigrationApplied() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;\nDROP TABLE nope;");
        cairn().migrate();
        assertThatThrownBy(() -> rollback(new RollbackRequest.Selection.LastBatch()))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("rollback of 001 failed at " + dir.path().resolve("001_a.sql") + ":6")
                .hasMessageContaining("SQLSTATE 42P01")
                .hasMessageContaining("001 stays applied");
        assertThat(db.relations()).contains("a");
        assertThat(db.scalar("SELECT status FROM cairn_history")).isEqualTo("SUCCESS");
    }

    @Test
    void unconfirmedPlanChangesNothing() throws Exception {
        twoBatches();
        assertThatThrownBy(() -> cairn().rollback(new RollbackRequest(new RollbackRequest.Selection.All(), plan -> {
            assertThat(plan).extracting(RollbackRequest.Planned::version).containsExactly("004", "003", "002", "001");
            return false;
        }))).satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(6));
        assertThat(db.relations()).contains("a", "b", "c", "d");
    }

    @Test
    void nothingAppliedIsNothingToDo() {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        assertThat(rollback(new RollbackRequest.Selection.LastBatch()).nothingToDo()).isTrue();
    }

    @Test
    void toAVersionNoMigrationHasIsRefusedInsteadOfRollingBackEverything() throws Exception {
        twoBatches();
        assertThatThrownBy(() -> rollback(new RollbackRequest.Selection.To(Version.parse("2024"))))
                .isInstanceOf(CairnException.class)
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2))
                .hasMessageContaining("to=2024: no migration has that version");
        assertThat(db.relations()).contains("a", "b", "c", "d");
    }
}
