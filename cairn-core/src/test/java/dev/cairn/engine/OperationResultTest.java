package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every result of an operation that changes something says "nothing to do" the same way. */
class OperationResultTest {

    @Test
    void emptyResultsHadNothingToDo() {
        List<OperationResult> empty = List.of(new MigrateResult(List.of(), 0, "db"), new RollbackResult(List.of()),
                new Repair.Result(List.of()), new Baseline.Result(List.of(), 0), new Seed.Result(List.of(), List.of("a")),
                new GenerateResult(false, false, List.of(), List.of(), List.of(), List.of(), false));
        assertThat(empty).allMatch(OperationResult::nothingToDo);
    }

    @Test
    void resultsThatDidSomethingSaySo() {
        List<OperationResult> done = List.of(new Baseline.Result(List.of("001"), 1),
                new Seed.Result(List.of("users"), List.of(), Map.of()),
                new GenerateResult(true, false, List.of(), List.of(), List.of(), List.of(), false));
        assertThat(done).noneMatch(OperationResult::nothingToDo);
    }
}
