package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.error.CairnException;
import dev.cairn.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed workflows: re-running changed migrations (seeds 000, 002), one named migration (seed 004), a rollback preview (seed 003). */
class RerunAndOnlyTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    private void threeApplied() {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;")
                .dbmate("003_c.sql", "CREATE TABLE c (id int);", "DROP TABLE c;");
        cairn().migrate();
    }

    private static CairnException thrown(Runnable r) {
        try {
            r.run();
        } catch (CairnException e) {
            return e;
        }
        throw new AssertionError("expected a CairnException");
    }

    @Test
    void rerunModifiedRunsTheChangedFileAgainAndKeepsTheOldRow() throws Exception {
        threeApplied();
        dir.dbmate("002_b.sql", "CREATE INDEX b_id ON b (id);", "DROP INDEX b_id;");
        assertThat(thrown(() -> cairn().migrate()).exitCode()).isEqualTo(4);

        List<List<MigrateOptions.Rerun>> asked = new java.util.ArrayList<>();
        MigrateResult r = cairn().migrate(MigrateOptions.defaults().rerunningModified(reruns -> {
            asked.add(reruns);
            return true;
        }));
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).extracting(MigrateOptions.Rerun::version).containsExactly("002");
        assertThat(r.applied()).extracting(Applied::version).containsExactly("002");
        assertThat(r.applied().get(0).rerun()).isTrue();
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'b_id'")).isEqualTo("1");
        assertThat(db.column("SELECT status || ' ' || batch FROM cairn_history WHERE version = '002' ORDER BY id"))
                .containsExactly("SUCCESS 1", "SUCCESS 2");
        assertThat(db.column("SELECT DISTINCT checksum FROM cairn_history WHERE version = '002'")).hasSize(2);
        // The new row is what counts now: a plain migrate is up to date, status shows it applied.
        assertThat(cairn().migrate().upToDate()).isTrue();
        assertThat(cairn().status().summary().modified()).isZero();
    }

    @Test
    void underSingleTransactionTheListenerIsToldOfTheRerunToo() throws Exception {
        threeApplied();
        dir.dbmate("002_b.sql", "CREATE INDEX b_id ON b (id);", "DROP INDEX b_id;");
        List<Event> events = new java.util.ArrayList<>();
        MigrateResult r = dev.cairn.Cairn.configure().url(db.url()).locations(dir.path()).listener(events::add).load()
                .migrate(new MigrateOptions(java.util.Optional.empty(), false, true).rerunningModified(reruns -> true));
        assertThat(r.applied()).extracting(Applied::rerun).containsExactly(true);
        assertThat(events).filteredOn(e -> e instanceof Event.MigrationApplied)
                .extracting(e -> ((Event.MigrationApplied) e).applied().rerun()).containsExactly(true);
    }

    @Test
    void anUnapprovedRerunChangesNothing() throws Exception {
        threeApplied();
        dir.dbmate("002_b.sql", "CREATE INDEX b_id ON b (id);", "DROP INDEX b_id;");
        CairnException e = thrown(() -> cairn().migrate(MigrateOptions.defaults().rerunningModified(reruns -> false)));
        assertThat(e.exitCode()).isEqualTo(6);
        assertThat(e.getMessage()).isEqualTo("re-running 1 changed migration was not confirmed; nothing was applied");
        assertThat(db.scalar("SELECT count(*) FROM cairn_history WHERE version = '002'")).isEqualTo("1");
    }

    @Test
    void onlyAppliesJustTheNamedPendingMigration() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;")
                .dbmate("003_c.sql", "CREATE TABLE c (id int);", "DROP TABLE c;");
        MigrateResult r = cairn().migrate(MigrateOptions.defaults().only("002_b"));
        assertThat(r.applied()).extracting(Applied::version).containsExactly("002");
        assertThat(db.relations()).contains("b").doesNotContain("a", "c");

        // 001 is now below the newest applied version: out-of-order rules apply.
        CairnException below = thrown(() -> cairn().migrate(MigrateOptions.defaults().only("001")));
        assertThat(below.exitCode()).isEqualTo(4);
        assertThat(below.getMessage()).contains("pending migration 001 (001_a.sql) is below the newest applied version 002");
        assertThat(cairn().migrate(new MigrateOptions(java.util.Optional.empty(), true).only("db/x/001_a.sql"))
                .applied()).extracting(Applied::version).containsExactly("001");

        CairnException applied = thrown(() -> cairn().migrate(MigrateOptions.defaults().only("002")));
        assertThat(applied.exitCode()).isEqualTo(2);
        assertThat(applied.getMessage()).isEqualTo("only=002: migration 002 (002_b.sql) is applied, not pending."
                + " Nothing was applied");
        CairnException unknown = thrown(() -> cairn().migrate(MigrateOptions.defaults().only("009_nope")));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.getMessage()).startsWith("only=009_nope: no migration has that version or name");
    }

    @Test
    void rollbackOnlyRefusesWhileNewerAreAppliedUnlessForced() throws Exception {
        threeApplied();
        CairnException newer = thrown(() -> cairn().rollback(new RollbackRequest(
                new RollbackRequest.Selection.Only("002", false), RollbackRequest.Confirmation.APPROVE)));
        assertThat(newer.exitCode()).isEqualTo(4);
        assertThat(newer.getMessage()).isEqualTo("only=002: a newer migration is applied after 002 (003 (003_c.sql))"
                + " and may depend on it; roll it back first, or add force to roll back only 002. Nothing was rolled back");
        assertThat(db.relations()).contains("a", "b", "c");

        RollbackResult forced = cairn().rollback(new RollbackRequest(
                new RollbackRequest.Selection.Only("002_b.sql", true), RollbackRequest.Confirmation.APPROVE));
        assertThat(forced.rolledBack()).extracting(RolledBack::version).containsExactly("002");
        assertThat(db.relations()).contains("a", "c").doesNotContain("b");

        RollbackResult newest = cairn().rollback(new RollbackRequest(
                new RollbackRequest.Selection.Only("003", false), RollbackRequest.Confirmation.APPROVE));
        assertThat(newest.rolledBack()).extracting(RolledBack::version).containsExactly("003");
        CairnException pending = thrown(() -> cairn().rollback(new RollbackRequest(
                new RollbackRequest.Selection.Only("003", false), RollbackRequest.Confirmation.APPROVE)));
        assertThat(pending.exitCode()).isEqualTo(2);
        assertThat(pending.getMessage()).contains("is pending, not applied; nothing was rolled back");
    }

    @Test
    void rollbackDryRunListsEachDownWithItsSourceAndChangesNothing() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .write("002_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n-- migrate:down\n")
                .write("003_c.sql", "CREATE TABLE c (id int);\n")
                .dbmate("004_d.sql", "CREATE TABLE d (id int);", "DROP TABLE d;");
        withoutComputedDowns().migrate();
        dir.dbmate("004_d.sql", "CREATE TABLE d (id bigint);", "DROP TABLE d;");
        List<RollbackRequest.Planned> plan = cairn().rollbackDryRun(new RollbackRequest.Selection.All());
        assertThat(plan).extracting(RollbackRequest.Planned::version).containsExactly("004", "003", "002", "001");
        assertThat(plan).extracting(RollbackRequest.Planned::downSource)
                .containsExactly("history", "missing", "empty", "file");
        assertThat(plan.get(0).sql()).isEqualTo("DROP TABLE d;");
        assertThat(plan.get(3).sql()).contains("DROP TABLE a;");
        assertThat(plan.get(1).sql()).isEmpty();
        assertThat(db.relations()).contains("a", "b", "c", "d");
        assertThatThrownBy(() -> cairn().rollback(new RollbackRequest(new RollbackRequest.Selection.All(),
                RollbackRequest.Confirmation.APPROVE))).hasMessageContaining("no down script");
    }
}
