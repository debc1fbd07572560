package dev.cairn.lint;

import java.util.List;

/**
 * What {@code cairn lint} found.
 *
 * @param findings   in file order, then statement order
 * @param unused     ignores that matched no finding
 * @param files      how many files were linted
 * @param statements how many statements
 * @param observed   whether the pending statements ran on a scratch database (else static rules only)
 */
public record LintResult(List<Finding> findings, List<UnusedIgnore> unused, int files, int statements,
                         boolean observed) {

    /** An ignore that suppressed nothing: a directive at file:line, or a configuration key ({@code line} 0). */
    public record UnusedIgnore(String rule, String where, int line, String reason) {
    }

    /** Where an unused {@code [lint] ignore} of the configuration is reported (line 0). */
    public static final String CONFIGURATION = "cairn.toml";

    /** Whether this unused ignore belongs to the shown files (or to the configuration, which covers all). */
    public static boolean unusedIn(UnusedIgnore u, java.util.Set<String> shown) {
        return shown.contains(u.where()) || u.line() == 0 && u.where().equals(CONFIGURATION);
    }

    public LintResult {
        findings = List.copyOf(findings);
        unused = List.copyOf(unused);
    }

    public long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }

    /** {@code 1 error, 2 warnings, 0 info in 3 files, 12 statements (static rules only)}: the last line of a lint. */
    public String summary() {
        return String.format("%d error%s, %d warning%s, %d info in %d file%s, %d statement%s (%s)",
                count(Severity.ERROR), count(Severity.ERROR) == 1 ? "" : "s",
                count(Severity.WARNING), count(Severity.WARNING) == 1 ? "" : "s",
                count(Severity.INFO), files, files == 1 ? "" : "s", statements, statements == 1 ? "" : "s",
                observed ? "observed on a scratch database" : "static rules only");
    }

    /** Whether an error-level finding remains: {@code cairn lint} exits 4. */
    public boolean failed() {
        return count(Severity.ERROR) > 0;
    }
}
