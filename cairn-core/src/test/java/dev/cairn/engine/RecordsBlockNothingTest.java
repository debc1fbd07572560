package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.error.CairnException;
import dev.cairn.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the history records but does not hold against the next run: a failed migration that changed
 * nothing, and a migration rolled back on purpose below the newest applied one.
 */
class RecordsBlockNothingTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    private RollbackResult rollback(RollbackRequest.Selection s) {
        return cairn().rollback(new RollbackRequest(s, RollbackRequest.Confirmation.APPROVE));
    }

    @Test
    void aFailedTransactionalMigrationWhoseFileIsDeletedBlocksNothing() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("002_broken.sql", "CREATE TABLE nope (id int REFERENCES missing);", "DROP TABLE nope;");
        assertThatThrownBy(() -> cairn().migrate()).isInstanceOf(MigrationException.class);
        dir.delete("002_broken.sql");

        assertThat(cairn().validate().problems()).isEmpty();
        assertThat(cairn().status().migrations()).extracting(i -> i.version() + "=" + i.state().label())
                .containsExactly("001=applied");
        dir.dbmate("003_c.sql", "CREATE TABLE c (id int);", "DROP TABLE c;");
        assertThat(cairn().migrate().applied()).extracting(Applied::version).containsExactly("003");
        assertThat(db.column("SELECT version || ' ' || status FROM cairn_history ORDER BY id"))
                .as("the failure stays on record").containsExactly("001 SUCCESS", "002 FAILED", "003 SUCCESS");
    }

    @Test
    void aFixedFileOfAFailedMigrationIsPending() throws Exception {
        dir.dbmate("001_a.sql", "SELECT 1/0;", "");
        assertThatThrownBy(() -> cairn().migrate()).isInstanceOf(MigrationException.class);
        assertThat(cairn().status().migrations().get(0).state()).as("the same broken file").isEqualTo(State.FAILED);

        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");

        assertThat(cairn().status().migrations().get(0).state()).isEqualTo(State.PENDING);
        assertThat(cairn().validate().problems()).isEmpty();
        assertThat(cairn().migrate().applied()).extracting(Applied::version).containsExactly("001");
    }

    @Test
    void aNonTransactionalMigrationThatFailedOnItsFirstStatementChangedNothingAndSaysSo() throws Exception {
        dir.dbmate("001_t.sql", "CREATE TABLE t (id int);", "DROP TABLE t;")
                .write("002_idx.sql", "CREATE INDEX CONCURENTLY t_a ON t (id);\nCREATE INDEX CONCURRENTLY t_b ON t (id);\n");

        assertThatThrownBy(() -> cairn().migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("ran without a transaction: its first statement failed, so nothing of 002 was"
                        + " applied")
                .hasMessageContaining("next: fix the file and run 'migrate' again")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("partly changed").doesNotContain("repair"));
        assertThat(db.scalar("SELECT status FROM cairn_history WHERE version = '002'")).isEqualTo("FAILED");

        dir.write("002_idx.sql", "CREATE INDEX CONCURRENTLY t_a ON t (id);\nCREATE INDEX CONCURRENTLY t_b ON t (id);\n");
        assertThat(cairn().validate().problems()).isEmpty();
        assertThat(cairn().migrate().applied()).extracting(Applied::version).containsExactly("002");
        assertThat(db.column("SELECT indexname FROM pg_indexes WHERE tablename = 't' ORDER BY 1"))
                .containsExactly("t_a", "t_b");
    }

    @Test
    void aNonTransactionalMigrationThatFailedOnItsFirstStatementAndWasDeletedBlocksNothing() throws Exception {
        dir.dbmate("001_t.sql", "CREATE TABLE t (id int);", "DROP TABLE t;")
                .write("002_idx.sql", "CREATE INDEX CONCURENTLY t_a ON t (id);\nCREATE INDEX CONCURRENTLY t_b ON t (id);\n");
        assertThatThrownBy(() -> cairn().migrate()).isInstanceOf(MigrationException.class);
        dir.delete("002_idx.sql");

        assertThat(cairn().validate().problems()).isEmpty();
        assertThat(cairn().migrate().upToDate()).isTrue();
    }

    @Test
    void aNonTransactionalMigrationThatFailedPartWayStillBlocks() throws Exception {
        dir.dbmate("001_t.sql", "CREATE TABLE t (id int);", "DROP TABLE t;")
                .write("002_part.sql", "CREATE INDEX CONCURRENTLY t_a ON t (id);\nCREATE INDEX CONCURENTLY t_b ON t (id);\n");
        assertThatThrownBy(() -> cairn().migrate()).hasMessageContaining("1 of 2 statements completed")
                .hasMessageContaining("partly changed");
        dir.delete("002_part.sql");

        assertThat(cairn().validate().problems()).extracting(dev.cairn.migration.Problem::code)
                .containsExactly("validate.failed");
        assertThatThrownBy(() -> cairn().migrate())
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(4))
                .hasMessageContaining("failed part way without a transaction");
    }

    @Test
    void reapplyingWhatARollbackOfAnOlderBatchUndidIsNotOutOfOrder() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        cairn().migrate();
        dir.dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");
        cairn().migrate();
        dir.dbmate("003_c.sql", "CREATE TABLE c (id int);", "DROP TABLE c;");
        cairn().migrate();
        assertThat(rollback(new RollbackRequest.Selection.Batch(2)).rolledBack()).extracting(RolledBack::version)
                .containsExactly("002");

        assertThat(cairn().status().migrations()).extracting(i -> i.version() + "=" + i.state().label())
                .containsExactly("001=applied", "002=pending", "003=applied");
        assertThat(cairn().validate().problems()).isEmpty();
        assertThat(cairn().migrate().applied()).extracting(Applied::version).containsExactly("002");
        assertThat(db.relations()).contains("a", "b", "c");
    }

    @Test
    void aNeverAppliedVersionBelowTheNewestIsStillOutOfOrder() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("003_c.sql", "CREATE TABLE c (id int);", "DROP TABLE c;");
        cairn().migrate();
        rollback(new RollbackRequest.Selection.Steps(1));
        cairn().migrate();
        dir.dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");

        assertThatThrownBy(() -> cairn().migrate())
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(4))
                .hasMessageContaining("pending migration 002 (002_b.sql) is below the newest applied version 003");
    }
}
