package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.spring.boot.plain.PlainApplication;
import dev.cairn.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A failing start-up says what the CLI says, as Spring Boot's failure analysis, with no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalysisTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void aBrokenMigrationStopsStartUpWithFileLineSqlStateAndWhatToDo(CapturedOutput output) {
        assertThatThrownBy(() -> Apps.run(db, List.of(PlainApplication.class), "cairn.locations=classpath:broken"))
                .hasRootCauseInstanceOf(org.postgresql.util.PSQLException.class);
        String failure = output.getOut().substring(output.getOut().indexOf("APPLICATION FAILED TO START"));
        assertThat(failure)
                .contains("Description:", "Cairn could not migrate the database: migration 20240101090100 failed at ")
                .contains("20240101090100_broken.sql:3", "no_such_table", "42P01")
                .contains("Action:", "rolled back: nothing of 20240101090100 was applied",
                        "next: fix the file and run 'Cairn.migrate()' again");
        // Analysed: Boot reports the analysis instead of logging the exception with its stack trace.
        assertThat(failure).doesNotContainPattern("(?m)^\\s+at [a-z]+\\.");
        assertThat(output.getOut()).doesNotContain("Application run failed");
        // The first migration stays applied, the broken one left nothing.
        assertThat(Apps.column(db, "SELECT to_regclass('things') IS NOT NULL AND to_regclass('broken_things') IS NULL"))
                .containsExactly("t");
    }

    @Test
    void aLockedDatabaseSaysWhichPropertyToRaiseNotWhichFlag(CapturedOutput output) throws Exception {
        try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
            // The advisory lock of a history table of its own, held from outside like another runner.
            s.execute("SELECT pg_advisory_lock(('x' || left(encode(sha256(convert_to('cairn:' || current_database()"
                    + " || '/public.locked_history', 'UTF8')), 'hex'), 16))::bit(64)::bigint)");
            assertThatThrownBy(() -> Apps.run(db, List.of(PlainApplication.class), "cairn.lock-timeout=1s",
                    "cairn.table=locked_history"));
        }
        String failure = output.getOut().substring(output.getOut().indexOf("APPLICATION FAILED TO START"));
        assertThat(failure).contains("did not finish within 1s", "raise cairn.lock-timeout,",
                "run 'Cairn.unlock()' to see its sessions").doesNotContain("--lock-timeout", "'cairn unlock'");
    }

    @Test
    void aLocationThatIsNotThereIsAConfigurationError(CapturedOutput output) {
        assertThatThrownBy(() -> Apps.run(db, List.of(PlainApplication.class), "cairn.locations=classpath:nowhere"));
        String failure = output.getOut().substring(output.getOut().indexOf("APPLICATION FAILED TO START"));
        assertThat(failure).contains("Cairn could not migrate the database: class path location classpath:nowhere"
                + " was not found", "Fix the cairn.* properties");
    }
}
