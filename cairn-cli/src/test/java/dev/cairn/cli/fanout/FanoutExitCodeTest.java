package dev.cairn.cli.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fan-out's exit rule: 0 all ok, 1 when any target failed with 1, else the highest code. */
class FanoutExitCodeTest {

    @ParameterizedTest(name = "targets exiting {0} -> {1}")
    @CsvSource({
            "'0 0 0', 0",
            "'0 1 0', 1",
            "'4 1 5', 1",
            "'0 3 0', 3",
            "'3 4 0', 4",
            "'5 3', 5",
            "'6 0', 6",
            "'2 0', 2",
    })
    void exitCode(String codes, int expected) {
        List<TargetResult> results = Arrays.stream(codes.split(" ")).map(Integer::parseInt).map(c ->
                new TargetResult(new Target("t", "postgres://h/db", Optional.empty()),
                        c == 0 ? TargetResult.Status.OK : TargetResult.Status.FAILED, List.of(), Duration.ZERO, c,
                        "", "")).toList();
        assertThat(Fanout.exitCode(results)).isEqualTo(expected);
    }
}
