package dev.cairn.cli.command;

import dev.cairn.Cairn;
import dev.cairn.cli.Console;
import dev.cairn.toml.LintSettings;
import dev.cairn.cli.render.LintReport;
import dev.cairn.error.CairnException;
import dev.cairn.lint.Finding;
import dev.cairn.lint.LintResult;
import dev.cairn.lint.Severity;
import java.util.List;

/**
 * What {@code migrate} does before applying: lints the pending migrations (static rules by default,
 * observed on a scratch database with {@code --lint}), prints the findings on standard error, and
 * refuses (exit 4, nothing applied) when an error-level finding remains and {@code lint = "error"},
 * or the environment is protected, unless {@code --accept-risk RULE} names its rule.
 *
 * @param settings   {@code lint} from cairn.toml: error, warn or off, and the [lint] options
 * @param observe    {@code --lint}: run the pending statements on a scratch database
 * @param protectedEnv whether the environment is protected
 * @param accepted   the rules of {@code --accept-risk}
 * @param context    the working directory (file names) and environment ({@code $CAIRN_SCRATCH_URL})
 */
record LintGate(LintSettings settings, boolean observe, boolean protectedEnv, List<String> accepted,
                dev.cairn.cli.Context context) {

    LintGate {
        accepted = List.copyOf(accepted);
        accepted.forEach(r -> LintSettings.check(r, "--accept-risk"));
    }

    void check(Cairn cairn, Console console) {
        if (settings.migrate().equals("off") && !observe) {
            return;
        }
        LintResult r;
        if (!observe) {
            r = cairn.lintStatic(settings.options());
        } else {
            // The scratch server as for cairn lint, drift and verify (--scratch-url aside: $CAIRN_SCRATCH_URL).
            try (dev.cairn.cli.ScratchServer scratch = dev.cairn.cli.ScratchServer.choose(context, console, cairn,
                    null)) {
                r = scratch.url().isEmpty() ? cairn.lint(settings.options())
                        : cairn.lint(scratch.url(), settings.options());
            }
        }
        LintReport report = new LintReport(r, context.cwd());
        List<Finding> blocking = r.findings().stream().filter(f -> f.severity() == Severity.ERROR
                && !accepted.contains(f.rule())).toList();
        for (Finding f : r.findings()) {
            boolean accept = f.severity() == Severity.ERROR && accepted.contains(f.rule());
            console.err("lint " + (accept ? "accepted" : f.severity().label()) + ": " + report.file(f.file()) + ":"
                    + f.line() + ":" + f.column() + " " + f.rule() + ": " + f.message());
        }
        boolean refuse = !blocking.isEmpty() && (settings.migrate().equals("error") || protectedEnv);
        if (refuse) {
            throw CairnException.validation("lint.refused", blocking.size() + " error-level lint finding"
                    + (blocking.size() == 1 ? "" : "s") + " in the pending migrations ("
                    + String.join(", ", blocking.stream().map(Finding::rule).distinct().toList()) + ")"
                    + (protectedEnv ? " in a protected environment" : " with lint = \"error\"")
                    + "; nothing was applied. See them with: cairn lint; make the migration safer, or accept the risk"
                    + " with --accept-risk " + blocking.get(0).rule());
        }
    }
}
