package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.config.Configuration;
import dev.cairn.error.CairnException;
import dev.cairn.lint.LintOptions;
import dev.cairn.lint.LintResult;
import dev.cairn.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Operations on a session already open (what fan-out and scratch databases need), and migrate's lint on its own. */
class OpenSessionTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    @Test
    void operationsRunOneAfterAnotherOnOneSessionWhichStaysOpen() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");
        Configuration config = cairn().configuration();
        try (Session s = Session.open(config)) {
            assertThat(new Migrate(config, Listener.NONE).run(s, MigrateOptions.defaults()).applied())
                    .extracting(Applied::version).containsExactly("001", "002");
            assertThat(new Status(config).run(s).summary().applied()).isEqualTo(2);
            assertThat(new Rollback(config, Listener.NONE).run(s, new RollbackRequest(
                    new RollbackRequest.Selection.Steps(1), RollbackRequest.Confirmation.APPROVE)).rolledBack())
                    .extracting(RolledBack::version).containsExactly("002");
            assertThat(new Validate(config).run(s).problems()).isEmpty();
            assertThat(s.connection.isClosed()).isFalse();
        }
        assertThat(db.relations()).contains("a").doesNotContain("b");
        // The lock went with the session: another run takes it at once.
        assertThat(cairn().migrate().applied()).extracting(Applied::version).containsExactly("002");
    }

    @Test
    void migratesLintSeesTheWaitingMigrationsAndARefusalAppliesNothing() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        cairn().migrate();
        dir.dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");
        Configuration config = cairn().configuration();
        List<LintResult> seen = new ArrayList<>();
        Migrate refusing = new Migrate(config, Listener.NONE).linting(new MigrateLint(
                new Lint(config, LintOptions.defaults()), r -> {
                    seen.add(r);
                    throw CairnException.validation("lint.refused", "refused by the test");
                }));
        assertThatThrownBy(() -> refusing.run(MigrateOptions.defaults())).hasMessage("refused by the test");
        assertThat(seen).singleElement().satisfies(r -> assertThat(r.files()).isEqualTo(1));
        assertThat(db.relations()).doesNotContain("b");
        assertThat(cairn().status().summary().pending()).isEqualTo(1);
    }
}
