package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.Cairn;
import dev.cairn.config.Configuration;
import dev.cairn.config.LockMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lock mode in force: a distributed engine gets the lease unless a mode was set, and the run says so. */
class LockChoiceTest {

    static final Optional<String> COCKROACH = Optional.of("CockroachDB v23.1.11 detected: its pg_advisory_lock"
            + " functions are stubs that lock nothing, so Cairn uses the lease lock (lock mode table)");

    static Configuration config(Optional<LockMode> set) {
        Cairn.Builder b = Cairn.configure().url("postgres://app@db.example/app");
        set.ifPresent(b::lockMode);
        return b.load().configuration();
    }

    @Test
    void theEngineDecidesOnlyWhenNoModeWasSet() {
        assertThat(new LockChoice(config(Optional.empty()), COCKROACH, false).mode()).isEqualTo(LockMode.TABLE);
        assertThat(new LockChoice(config(Optional.empty()), Optional.empty(), false).mode()).isEqualTo(LockMode.ADVISORY);
        assertThat(new LockChoice(config(Optional.of(LockMode.ADVISORY)), COCKROACH, false).mode())
                .as("set explicitly: used as set").isEqualTo(LockMode.ADVISORY);
        assertThat(new LockChoice(config(Optional.of(LockMode.TABLE)), Optional.empty(), true).mode())
                .isEqualTo(LockMode.TABLE);
    }

    @Test
    void aChoiceMadeByTheEngineIsTold() throws Exception {
        List<Event> events = new ArrayList<>();
        new LockChoice(config(Optional.empty()), COCKROACH, false).check(events::add, null, null, null);
        assertThat(events).containsExactly(new Event.LockModeChosen("table", COCKROACH.get()));
        events.clear();
        new LockChoice(config(Optional.of(LockMode.TABLE)), COCKROACH, false).check(events::add, null, null, null);
        assertThat(events).as("the mode set is the mode used: nothing to tell").isEmpty();
    }
}
