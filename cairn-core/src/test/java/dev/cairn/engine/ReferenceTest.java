package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.error.CairnException;
import dev.cairn.testing.TestDatabase;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --to} and {@code --target} take a migration's version, file name or name. */
class ReferenceTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    private void threeMigrations() {
        dir.dbmate("001_initial.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("012_chat_system.sql", "CREATE TABLE b (id int);", "DROP TABLE b;")
                .dbmate("013_add_analytics.sql", "CREATE TABLE c (id int);", "DROP TABLE c;");
    }

    private RollbackResult rollbackTo(String migration) {
        return cairn().rollback(new RollbackRequest(new RollbackRequest.Selection.To(Reference.of(migration)),
                RollbackRequest.Confirmation.APPROVE));
    }

    @ParameterizedTest(name = "--to {0}")
    @ValueSource(strings = {"001", "1", "001_initial", "001_initial.sql", "db/migrations/001_initial.sql", "initial"})
    void rollbackToTakesAVersionAFileNameOrAName(String to) throws Exception {
        threeMigrations();
        cairn().migrate();

        assertThat(rollbackTo(to).rolledBack()).extracting(RolledBack::version).containsExactly("013", "012");
        assertThat(db.relations()).contains("a").doesNotContain("b", "c");
    }

    @Test
    void anUnknownNameIsAUsageError() throws Exception {
        threeMigrations();
        cairn().migrate();

        assertThatThrownBy(() -> rollbackTo("011_chat_deprecated"))
                .isInstanceOf(CairnException.class)
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2))
                .hasMessageContaining("to=011_chat_deprecated: no migration has that version or name");
        assertThat(db.column("SELECT status FROM cairn_history")).containsOnly("SUCCESS");
    }

    @Test
    void aNameOfTwoMigrationsIsAmbiguous() throws Exception {
        dir.dbmate("001_add_index.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("002_add_index.sql", "CREATE TABLE b (id int);", "DROP TABLE b;")
                .dbmate("003_c.sql", "CREATE TABLE c (id int);", "DROP TABLE c;");
        cairn().migrate();

        assertThatThrownBy(() -> rollbackTo("add_index"))
                .isInstanceOf(CairnException.class)
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2))
                .hasMessageContaining("to=add_index names more than one migration: 001 (001_add_index.sql),"
                        + " 002 (002_add_index.sql)");
        assertThat(db.column("SELECT status FROM cairn_history")).containsOnly("SUCCESS");
    }

    @Test
    void aFileNameOfAMigrationWhoseFileIsGoneIsFoundInTheHistory() throws Exception {
        threeMigrations();
        cairn().migrate();
        dir.delete("001_initial.sql");

        assertThat(rollbackTo("001_initial").rolledBack()).extracting(RolledBack::version).containsExactly("013", "012");
    }

    @ParameterizedTest(name = "--target {0}")
    @ValueSource(strings = {"012", "012_chat_system", "012_chat_system.sql", "chat_system"})
    void migrateTargetTakesAVersionAFileNameOrAName(String target) throws Exception {
        threeMigrations();

        MigrateResult r = cairn().migrate(new MigrateOptions(Optional.of(Reference.of(target)), false));

        assertThat(r.applied()).extracting(Applied::version).containsExactly("001", "012");
    }

    @Test
    void migrateTargetOfAVersionNoFileHasStillBoundsTheRun() throws Exception {
        threeMigrations();

        MigrateResult r = cairn().migrate(new MigrateOptions(Optional.of(Reference.of("5")), false));

        assertThat(r.applied()).extracting(Applied::version).containsExactly("001");
    }

    @Test
    void migrateTargetOfAnUnknownNameIsAUsageError() throws Exception {
        threeMigrations();

        assertThatThrownBy(() -> cairn().migrate(new MigrateOptions(Optional.of(Reference.of("chat")), false)))
                .isInstanceOf(CairnException.class)
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2))
                .hasMessageContaining("target=chat: no migration has that version or name");
        assertThat(db.relations()).isEmpty();
    }
}
