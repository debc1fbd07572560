package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Repeatable migrations ({@code -- cairn:repeatable}) run after versioned ones whenever their checksum changes. */
class RepeatableTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }


    @Test
    void repeatableRunsAfterVersionedOnesAndAgainOnlyWhenChanged() throws Exception {
        dir.write("001_view.sql", "-- cairn:repeatable\nCREATE OR REPLACE VIEW active_users AS SELECT id FROM users;\n")
                .write("002_users.sql", "CREATE TABLE users (id int, active boolean);\n");
        MigrateResult first = cairn().migrate();
        assertThat(first.applied()).extracting(Applied::script).containsExactly("002_users.sql", "001_view.sql");
        assertThat(db.scalar("SELECT kind FROM cairn_history WHERE script = '001_view.sql'")).isEqualTo("repeatable");

        assertThat(cairn().migrate().upToDate()).isTrue();
        assertThat(cairn().status().migrations()).extracting(StatusResult.Item::state)
                .containsExactly(State.APPLIED, State.APPLIED);

        dir.write("001_view.sql", "-- cairn:repeatable\n"
                + "CREATE OR REPLACE VIEW active_users AS SELECT id FROM users WHERE active;\n");
        assertThat(cairn().status().migrations().get(1).state()).isEqualTo(State.PENDING);
        assertThat(cairn().validate().valid()).isTrue();
        MigrateResult again = cairn().migrate();
        assertThat(again.applied()).extracting(Applied::script).containsExactly("001_view.sql");
        assertThat(db.scalar("SELECT pg_get_viewdef('active_users')")).contains("active");
        assertThat(db.scalar("SELECT count(*) FROM cairn_history WHERE script = '001_view.sql'")).isEqualTo("2");
    }

    @Test
    void rollbackLeavesRepeatablesAlone() throws Exception {
        dir.dbmate("001_users.sql", "CREATE TABLE users (id int);", "DROP TABLE users CASCADE;")
                .write("002_view.sql", "-- cairn:repeatable\nCREATE OR REPLACE VIEW v AS SELECT 1 AS one;\n");
        cairn().migrate();
        RollbackResult r = cairn().rollback(new RollbackRequest(new RollbackRequest.Selection.All(),
                RollbackRequest.Confirmation.APPROVE));
        assertThat(r.rolledBack()).extracting(RolledBack::version).containsExactly("001");
        assertThat(db.relations()).contains("v").doesNotContain("users");
    }
}
