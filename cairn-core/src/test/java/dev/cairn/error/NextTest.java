package dev.cairn.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What to do next travels inside a message as placeholders, and reads neutrally without a host. */
class NextTest {

    private static final Host BRACKETS = new Host() {
        @Override
        public String setting(Next.Setting s) {
            return "[" + s.name() + s.given().map(v -> ":" + v).orElse("") + "]";
        }

        @Override
        public String action(Next.Action a) {
            return "{" + a.operation() + a.settings().stream().map(this::setting).reduce("", String::concat) + "}";
        }
    };

    private final CairnException locked = new CairnException(CairnException.Kind.LOCK_TIMEOUT, "lock.timeout",
            "the lock is held; raise " + Next.setting("lock-timeout") + ", or run '"
                    + Next.action("unlock", Next.setting("lock-mode", "table"), Next.setting("force")) + "'");

    @Test
    void withoutAHostTheMessageNamesSettingsAndOperationsByTheirCanonicalNames() {
        assertThat(locked.getMessage())
                .isEqualTo("the lock is held; raise lock-timeout, or run 'unlock with lock-mode=table, force'");
    }

    @Test
    void aHostWordsEveryStepItsOwnWay() {
        assertThat(locked.message(BRACKETS)).isEqualTo("the lock is held; raise [lock-timeout], or run"
                + " '{unlock[lock-mode:table][force]}'");
    }

    @Test
    void theStepsAreThereAsValues() {
        assertThat(locked.next()).containsExactly(Next.setting("lock-timeout"),
                new Next.Action("unlock", List.of(Next.setting("lock-mode", "table"), Next.setting("force"))));
    }

    @Test
    void aWrappingMessageKeepsTheStepsOfTheOneItWraps() {
        CairnException wrapped = CairnException.usage("outer", "cannot go on: " + locked.template());
        assertThat(wrapped.message(BRACKETS)).contains("raise [lock-timeout]");
        assertThat(Host.NEUTRAL.render("plain text, no steps")).isEqualTo("plain text, no steps");
    }
}
