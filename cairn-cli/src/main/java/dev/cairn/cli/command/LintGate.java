package dev.cairn.cli.command;

import dev.cairn.cli.render.CliHost;
import dev.cairn.Cairn;
import dev.cairn.cli.Console;
import dev.cairn.toml.LintSettings;
import dev.cairn.cli.render.LintReport;
import dev.cairn.error.CairnException;
import dev.cairn.lint.Finding;
import dev.cairn.lint.LintResult;
import dev.cairn.lint.Severity;
import dev.cairn.engine.MigrateLint;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * Runs {@code migrate} with this gate's lint first, on migrate's own session (none when lint is
     * off): the findings are printed and may refuse before anything changes.
     */
    <R> R around(Cairn cairn, Console console, Function<Optional<MigrateLint>, R> migrate) {
        if (settings.migrate().equals("off") && !observe) {
            return migrate.apply(Optional.empty());
        }
        if (!observe) {
            return migrate.apply(Optional.of(cairn.migrateLint(settings.options(), false, Optional.empty(),
                    r -> check(r, console))));
        }
        // The scratch server as for cairn lint, drift and verify (--scratch-url aside: $CAIRN_SCRATCH_URL).
        try (dev.cairn.cli.ScratchServer scratch = dev.cairn.cli.ScratchServer.choose(context, console, cairn,
                null)) {
            Optional<String> url = scratch.url().isEmpty() ? Optional.empty() : Optional.of(scratch.url());
            return migrate.apply(Optional.of(cairn.migrateLint(settings.options(), true, url,
                    r -> check(r, console))));
        }
    }

    private void check(LintResult r, Console console) {
        LintReport report = new LintReport(r, context.cwd());
        List<Finding> blocking = r.findings().stream().filter(f -> f.severity() == Severity.ERROR
                && !accepted.contains(f.rule())).toList();
        for (Finding f : r.findings()) {
            boolean accept = f.severity() == Severity.ERROR && accepted.contains(f.rule());
            console.err("lint " + (accept ? "accepted" : f.severity().label()) + ": " + report.file(f.file()) + ":"
                    + f.line() + ":" + f.column() + " " + f.rule() + ": " + f.message(CliHost.HOST));
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
