package dev.cairn.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LockWaitTest {

    @ParameterizedTest(name = "{0} ms -> within {1}")
    @CsvSource({"5000, 5s", "2000, 2s", "1500, 1500ms", "500, 500ms", "60000, 1m", "300000, 5m", "90000, 90s", "0, 0s"})
    void timeoutMessagesSayTheConfiguredValueNotWhatIsLeft(long millis, String text) {
        LockWait wait = new LockWait(Duration.ofMillis(millis), (h, w) -> { });
        assertThat(wait.timeoutText()).isEqualTo(text);
    }
}
