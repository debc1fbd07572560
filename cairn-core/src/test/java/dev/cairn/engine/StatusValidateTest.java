package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.Cairn;
import dev.cairn.migration.Problem;
import dev.cairn.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatusValidateTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }


    @Test
    void statusOfAFreshDatabaseListsEverythingPendingAndCreatesNothing() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .write("README.md", "# notes");
        StatusResult s = cairn().status();
        assertThat(s.migrations()).extracting(StatusResult.Item::state).containsExactly(State.PENDING);
        assertThat(s.summary().pending()).isEqualTo(1);
        assertThat(s.hasPending()).isTrue();
        assertThat(s.ignored()).extracting(i -> i.reason()).containsExactly("not a .sql file");
        assertThat(db.relations()).isEmpty();
    }

    @Test
    void statusReportsEveryState() throws Exception {
        dir.dbmate("001_applied.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("002_modified.sql", "CREATE TABLE b (id int);", "DROP TABLE b;")
                .dbmate("003_missing.sql", "CREATE TABLE c (id int);", "DROP TABLE c;")
                .dbmate("005_rolled.sql", "CREATE TABLE e (id int);", "DROP TABLE e;");
        cairn().migrate();
        cairn().rollback(new RollbackRequest(new RollbackRequest.Selection.Steps(1), RollbackRequest.Confirmation.APPROVE));
        dir.dbmate("004_out_of_order.sql", "CREATE TABLE d (id int);", "DROP TABLE d;")
                .write("006_failing.sql", "SELECT 1/0;");
        try {
            Cairn.configure().url(db.url()).locations(dir.path()).outOfOrder(true).load().migrate();
        } catch (MigrationException expected) {
            // 004 applies out of order, 005 again, 006 fails: recorded FAILED.
        }
        cairn().rollback(new RollbackRequest(new RollbackRequest.Selection.To(dev.cairn.migration.Version.parse("4")),
                RollbackRequest.Confirmation.APPROVE));
        dir.dbmate("002_modified.sql", "CREATE TABLE b (id bigint);", "DROP TABLE b;")
                .delete("003_missing.sql")
                .dbmate("007_pending.sql", "CREATE TABLE g (id int);", "DROP TABLE g;");

        StatusResult s = cairn().status();
        assertThat(s.migrations()).extracting(i -> i.version() + "=" + i.state().label()).containsExactly(
                "001=applied", "002=modified", "003=missing", "004=applied", "005=pending", "006=failed",
                "007=pending");
        assertThat(s.summary()).isEqualTo(new StatusResult.Summary(7, 2, 2, 1, 1, 1, 0));
        assertThat(s.rollbacks()).extracting(StatusResult.Rollback::version).contains("005");
        assertThat(s.migrations().get(5).error()).contains("SQLSTATE 22012");
        assertThat(s.problems()).extracting(Problem::code)
                .containsExactly("validate.modified", "validate.missing", "validate.failed");
    }

    @Test
    void validateReportsOneLinePerProblem() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("003_c.sql", "CREATE TABLE c (id int);", "DROP TABLE c;");
        cairn().migrate();
        assertThat(cairn().validate().valid()).isTrue();

        dir.dbmate("001_a.sql", "CREATE TABLE a (id text);", "DROP TABLE a;")
                .dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;")
                .delete("003_c.sql")
                .dbmate("004_x.sql", "SELECT 1;", "")
                .dbmate("004_y.sql", "SELECT 2;", "");
        ValidateResult v = cairn().validate();
        assertThat(v.valid()).isFalse();
        assertThat(v.problems()).extracting(Problem::code).containsExactlyInAnyOrder(
                "file.duplicate-version", "validate.modified", "validate.missing", "validate.out-of-order");
        assertThat(v.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m)
                .contains("version 004 is used by more than one file").contains("004_x.sql").contains("004_y.sql"));
    }

    @Test
    void crlfCopyOfAnAppliedFileValidatesClean() throws Exception {
        String lf = "-- migrate:up\nCREATE TABLE a (\n  id int\n);\n-- migrate:down\nDROP TABLE a;\n";
        dir.write("001_a.sql", lf);
        cairn().migrate();
        dir.write("001_a.sql", "\uFEFF" + lf.replace("\n", "\r\n"));
        assertThat(cairn().validate().problems()).isEmpty();
        assertThat(cairn().status().migrations().get(0).state()).isEqualTo(State.APPLIED);
    }
}
