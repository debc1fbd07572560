package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.config.TableName;
import org.junit.jupiter.api.Test;

/** Which tables snapshot, drift and verify leave out of the schema model: Cairn's own. */
class SnapshotTablesTest {

    @Test
    void theLockTableOfAShortHistoryNameIsLeftOut() {
        assertThat(Snapshot.cairnTables(TableName.parse("cairn_history")))
                .contains("public.cairn_history", "public.cairn_history_lock");
        assertThat(Snapshot.cairnTables(TableName.parse("ops.cairn_history")))
                .contains("ops.cairn_history", "ops.cairn_history_lock");
    }

    @Test
    void theShortenedHashedLockTableOfALongHistoryNameIsLeftOut() {
        String h60 = "h".repeat(60);
        TableName history = TableName.parse("ops." + h60);
        String lock = history.sibling("_lock").name();
        assertThat(lock).matches("h{49}_[0-9a-f]{8}_lock").hasSize(63);

        assertThat(Snapshot.cairnTables(history))
                .contains("ops." + h60, "ops." + lock)
                .doesNotContain("ops." + h60 + "_lock");
    }
}
