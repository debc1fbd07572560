package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.Cairn;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On plain PostgreSQL, reached directly, the engine and pooler detection change nothing: the advisory
 * lock stays the default (no lease table, no note), and Cairn's settings reach the migrations as before.
 */
class EngineDetectionTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void plainPostgresKeepsTheAdvisoryLockAndSessionSettings() throws Exception {
        db.reset();
        new MigrationDir(dir).dbmate("001_seen.sql", "CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS lt,"
                + " (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS advisory;",
                "DROP TABLE seen;");
        List<Event> events = new ArrayList<>();
        Cairn cairn = Cairn.configure().url(db.url()).locations(dir).sqlLockTimeout(Duration.ofSeconds(3))
                .listener(events::add).load();
        assertThat(cairn.migrate().applied()).hasSize(1);
        assertThat(events).noneMatch(e -> e instanceof Event.LockModeChosen);
        assertThat(db.column("SELECT lt || ' ' || advisory FROM seen")).as("timeout set, advisory lock held")
                .containsExactly("3s 1");
        assertThat(db.relations()).doesNotContain("cairn_history_lock");
    }
}
