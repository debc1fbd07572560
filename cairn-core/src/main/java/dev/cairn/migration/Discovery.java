package dev.cairn.migration;

import dev.cairn.error.CairnException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the migrations directories hold: the migrations in version order, the files that were
 * ignored (and why), and the problems that keep the set from being used.
 */
public record Discovery(List<Migration> migrations, List<Ignored> ignored, List<Problem> problems) {

    public Discovery {
        migrations = List.copyOf(migrations);
        ignored = List.copyOf(ignored);
        problems = List.copyOf(problems);
    }

    /**
     * The migrations, or a usage error (exit 2, nothing touched) listing every problem.
     */
    public List<Migration> requireValid() {
        if (!problems.isEmpty()) {
            String lines = problems.stream().map(Problem::template).collect(Collectors.joining("\n  "));
            throw CairnException.usage(problems.get(0).code(),
                    "the migration files have " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                            + "; nothing was run:\n  " + lines);
        }
        return migrations;
    }
}
