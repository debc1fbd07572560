package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.cairn.error.CairnException;
import dev.cairn.testing.TestDatabase;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A down script that is there but holds no statement is a deliberate "nothing to undo": rollback runs it
 * (nothing), marks the row ROLLED_BACK and says so. Only a missing down refuses. One case per convention.
 */
class EmptyDownTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    private static final String BANNER = "-- ============================================\n";
    private static final String UP = "CREATE TABLE kept (id int);\n";

    /** Per convention: the files of a migration with an empty down, and of one without a down. */
    static Stream<Arguments> conventions() {
        return Stream.of(
                arguments("dbmate, a '-- migrate:down' section with nothing in it",
                        Map.of("001_a.sql", "-- migrate:up\n" + UP + "\n-- migrate:down\n"),
                        Map.of("001_a.sql", "-- migrate:up\n" + UP)),
                arguments("golang-migrate, an empty .down.sql",
                        Map.of("1_a.up.sql", UP, "1_a.down.sql", ""),
                        Map.of("1_a.up.sql", UP)),
                arguments("diesel, a down.sql of its template comment",
                        Map.of("2024-01-15-093000_a/up.sql", UP,
                                "2024-01-15-093000_a/down.sql", "-- This file should undo anything in `up.sql`\n"),
                        Map.of("2024-01-15-093000_a/up.sql", UP)),
                arguments("numbered, a blank _rollback.sql",
                        Map.of("001_a.sql", UP, "001_a_rollback.sql", "\n  \n"),
                        Map.of("001_a.sql", UP)),
                arguments("Flyway, a U file of comments",
                        Map.of("V1__a.sql", UP, "U1__a.sql", "-- nothing to undo\n"),
                        Map.of("V1__a.sql", UP)),
                arguments("goose, an empty Down section",
                        Map.of("00001_a.sql", "-- +goose Up\n" + UP + "-- +goose Down\n"),
                        Map.of("00001_a.sql", "-- +goose Up\n" + UP)),
                arguments("sql-migrate, a Down section of comments",
                        Map.of("1_a.sql", "-- +migrate Up\n" + UP + "-- +migrate Down\n-- nothing to undo\n"),
                        Map.of("1_a.sql", "-- +migrate Up\n" + UP)),
                arguments("seed 002, an empty ROLLBACK section",
                        Map.of("001_a.sql", BANNER + "-- FORWARD MIGRATION\n" + BANNER + UP + "\n" + BANNER
                                + "-- ROLLBACK\n" + BANNER + "\n"),
                        Map.of("001_a.sql", BANNER + "-- FORWARD MIGRATION\n" + BANNER + UP + "\n" + BANNER
                                + "-- ROLLBACK\n" + BANNER + "\n-- Add your rollback SQL here\n")),
                arguments("seed 003, a '-- ROLLBACK:' line with nothing after it",
                        Map.of("2025-01-17_1430_a.sql", UP + "\n-- ROLLBACK:\n"),
                        Map.of("2025-01-17_1430_a.sql", UP)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conventions")
    void anEmptyDownIsRunAsNothingToUndo(String what, Map<String, String> empty, Map<String, String> missing)
            throws Exception {
        empty.forEach(dir::write);
        cairn().migrate();

        RollbackResult r = cairn().rollback(new RollbackRequest(new RollbackRequest.Selection.All(),
                RollbackRequest.Confirmation.APPROVE));

        assertThat(r.rolledBack()).extracting(RolledBack::downSource).containsExactly("empty");
        assertThat(db.relations()).as("nothing was undone").contains("kept");
        assertThat(db.column("SELECT status FROM cairn_history")).containsExactly("ROLLED_BACK");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conventions")
    void onlyAMissingDownRefuses(String what, Map<String, String> empty, Map<String, String> missing)
            throws Exception {
        missing.forEach(dir::write);
        withoutComputedDowns().migrate();

        assertThatThrownBy(() -> cairn().rollback(new RollbackRequest(new RollbackRequest.Selection.All(),
                RollbackRequest.Confirmation.APPROVE)))
                .isInstanceOf(CairnException.class)
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(4))
                .hasMessageContaining("has no down script")
                .hasMessageContaining("an empty one says there is nothing to undo");
        assertThat(db.column("SELECT status FROM cairn_history")).containsExactly("SUCCESS");
    }

    @Test
    void anEmptyDownFileIsStoredAsEmptyNotAsNoneSoItStillWorksWhenTheFileIsGone() throws Exception {
        dir.write("1_a.up.sql", UP).write("1_a.down.sql", "");
        cairn().migrate();
        assertThat(db.scalar("SELECT down_sql IS NOT NULL AND down_sql = '' FROM cairn_history")).isEqualTo("t");
        dir.delete("1_a.up.sql").delete("1_a.down.sql");

        RollbackResult r = cairn().rollback(new RollbackRequest(new RollbackRequest.Selection.All(),
                RollbackRequest.Confirmation.APPROVE));

        assertThat(r.rolledBack()).extracting(RolledBack::downSource).containsExactly("empty");
        assertThat(db.column("SELECT status FROM cairn_history")).containsExactly("ROLLED_BACK");
    }

    @Test
    void aMissingDownIsStoredAsNull() throws Exception {
        dir.write("1_a.up.sql", UP);
        withoutComputedDowns().migrate();
        assertThat(db.scalar("SELECT down_sql IS NULL FROM cairn_history")).isEqualTo("t");
    }
}
