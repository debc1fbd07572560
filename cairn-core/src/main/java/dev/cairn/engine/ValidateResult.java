package dev.cairn.engine;

import dev.cairn.migration.Problem;
import java.util.List;

/** What {@code validate} found: one problem per line; valid when there is none. */
public record ValidateResult(int migrations, List<Problem> problems) {

    public ValidateResult {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
