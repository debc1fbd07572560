package dev.cairn.engine;

import dev.cairn.lint.LintResult;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The lint {@code migrate} runs before it changes anything, on its own session: {@code lint} looks at
 * the migrations waiting to run, and {@code verdict} sees what it found and throws to refuse (nothing
 * is applied then; with a backup first, nothing is backed up either).
 *
 * @param lint    the static rules ({@link Lint#Lint(dev.cairn.config.Configuration, dev.cairn.lint.LintOptions)})
 *                or observed on a scratch database
 * @param verdict what the host does with the findings: report them, and refuse by throwing
 */
public record MigrateLint(Lint lint, Consumer<LintResult> verdict) {

    public MigrateLint {
        Objects.requireNonNull(lint, "lint");
        Objects.requireNonNull(verdict, "verdict");
    }

    void check(Session db, java.util.List<dev.cairn.migration.Migration> files,
               java.util.List<dev.cairn.history.HistoryRow> rows) {
        verdict.accept(lint.run(db, files, rows));
    }
}
