package dev.cairn.cli.command;

import dev.cairn.cli.render.CliHost;
import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.toml.LintSettings;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.LintReport;
import dev.cairn.cli.render.Progress;
import dev.cairn.engine.Lint;
import dev.cairn.error.CairnException;
import dev.cairn.lint.LintOptions;
import dev.cairn.lint.LintResult;
import dev.cairn.lint.LintScript;
import dev.cairn.migration.DirectoryScan;
import dev.cairn.migration.Migration;
import dev.cairn.migration.MigrationFile;
import dev.cairn.toml.ConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn lint}: dangerous DDL in the pending migrations, observed on a scratch database. */
@Command(name = "lint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find dangerous DDL before it runs: locks that block reads or writes, table rewrites,"
                + " validation scans, data loss, renames that break running clients, each with file:line:column,"
                + " a rule id (squawk's names where they mean the same) and the safer SQL for that statement.",
                "With a database configured: the pending migrations, each statement run in a transaction on a"
                + " scratch database built from the applied ones (cairn_scratch_<random>, always dropped), recording"
                + " the locks it takes, the tables it rewrites and scans, sized by the live tables. Without one (or"
                + " with --static): every migration file, or the FILES given, by static rules only."},
        footer = {"", "Examples:",
                "  cairn lint                                  pending migrations, observed",
                "  cairn lint --static                         every file, no database",
                "  cairn lint db/migrations/20240101_x.sql     one file, earlier files read first",
                "  cairn lint --format github                  annotations in GitHub Actions",
                "  cairn lint --format sarif > lint.sarif      for code scanning",
                "", "Exit codes: 0 no error-level finding, 2 bad files or configuration, 4 an error-level finding."})
public final class LintCommand extends DatabaseCommand {

    @Parameters(paramLabel = "FILES", arity = "0..*", description = "Files to lint (default: the pending migrations"
            + " with a database, every migration without one).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--json", description = "One JSON document on standard output (same as --format json).")
    boolean json;

    @picocli.CommandLine.Mixin
    dev.cairn.cli.FanoutOptions fanout;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, github or sarif.")
    String format = "text";

    @Option(names = "--static", description = "Static rules only, even with a database configured.")
    boolean staticOnly;

    @Option(names = "--scratch-url", paramLabel = "URL", description = "A server where Cairn may create (and drop)"
            + " a temporary database; default: the target's own server.")
    String scratchUrl;

    public LintCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        String fmt = json ? "json" : format;
        if (!List.of("text", "json", "github", "sarif").contains(fmt)) {
            throw CairnException.usage("cli.lint-format", "--format '" + format + "' is not a lint format; use text,"
                    + " json, github or sarif");
        }
        LintSettings settings = LintSettings.of(settings().configFile(), settings().environment());
        if (fanningOut(fanout)) {
            return fanOut(settings.options(), fmt);
        }
        LintResult result;
        if (staticOnly || !files.isEmpty() || settings().url().isEmpty()) {
            result = staticLint(settings.options());
        } else {
            result = withCairnResult(cairn -> {
                try (dev.cairn.cli.ScratchServer scratch = dev.cairn.cli.ScratchServer.choose(context, console, cairn,
                        scratchUrl)) {
                    return scratch.url().isEmpty() ? cairn.lint(settings.options())
                            : cairn.lint(scratch.url(), settings.options());
                }
            });
        }
        render(result, fmt);
        return result.failed() ? 4 : 0;
    }

    /**
     * The pending migrations of every target, each observed on a scratch database of its own (or static
     * rules only with --static) and sized by that target: one line per target, the error-level findings
     * repeated at the end. FILES and the machine formats belong to one database.
     */
    private int fanOut(LintOptions options, String fmt) {
        if (!files.isEmpty() || fmt.equals("github") || fmt.equals("sarif")) {
            throw CairnException.usage("fanout.options", (files.isEmpty() ? "--format " + fmt : "FILES")
                    + " lints one database, not a fan-out (the fan-out prints a line per target, or --json with"
                    + " the fan-out's document); nothing was run");
        }
        return fanOut(fanout, "lint", fmt.equals("json"), java.util.Optional.empty(), java.util.Optional.empty(), true, cairn -> {
            LintResult r;
            if (staticOnly) {
                r = cairn.lintStatic(options);
            } else {
                try (dev.cairn.cli.ScratchServer scratch = dev.cairn.cli.ScratchServer.choose(context, console, cairn,
                        scratchUrl)) {
                    r = scratch.url().isEmpty() ? cairn.lint(options) : cairn.lint(scratch.url(), options);
                }
            }
            LintReport report = new LintReport(r, context.cwd());
            String errors = r.findings().stream().filter(f -> f.severity() == dev.cairn.lint.Severity.ERROR)
                    .map(f -> "\n  " + report.file(f.file()) + ":" + f.line() + ":" + f.column() + " " + f.rule() + ": "
                            + f.message(CliHost.HOST)).reduce("", String::concat);
            return new dev.cairn.cli.fanout.Fanout.Outcome(r.failed() ? 4 : 0, report.summary() + errors);
        });
    }

    private LintResult withCairnResult(java.util.function.Function<dev.cairn.Cairn, LintResult> body) {
        LintResult[] out = new LintResult[1];
        withCairn(new Progress(console, true), cairn -> {
            out[0] = body.apply(cairn);
            return 0;
        });
        return out[0];
    }

    private void render(LintResult result, String fmt) {
        LintReport report = new LintReport(result, context.cwd());
        switch (fmt) {
            case "json" -> console.out(Json.write(report.json()).stripTrailing());
            case "sarif" -> console.out(Json.write(report.sarif()).stripTrailing());
            case "github" -> {
                report.github().forEach(console::out);
                console.err(report.summary());
            }
            default -> report.text().forEach(console::out);
        }
    }

    /**
     * Every migration in the configured directories in order (earlier files give the state), findings
     * kept for the FILES given; a given file that is no migration is linted as plain SQL after them.
     */
    private LintResult staticLint(LintOptions options) {
        ConfigFile file = settings().configFile();
        String env = settings().environment();
        List<String> ignore = file.environment(env).ignore().or(() -> file.top().ignore())
                .orElse(DirectoryScan.DEFAULT_IGNORE);
        List<Path> dirs = settings().directories().stream().filter(Files::isDirectory).toList();
        List<Migration> migrations = dirs.isEmpty() ? List.of()
                : new DirectoryScan(ignore, file.migrations()).scan(dirs).requireValid();
        if (files.isEmpty()) {
            return Lint.files(migrations, options);
        }
        Set<Path> wanted = new LinkedHashSet<>();
        for (Path f : files) {
            Path p = context.resolve(f.toString()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p)) {
                throw CairnException.usage("lint.file", f + " is not a file");
            }
            wanted.add(p);
        }
        Set<String> shown = new LinkedHashSet<>();
        for (Migration m : migrations) {
            if (wanted.remove(context.resolve(m.up().name()).toAbsolutePath().normalize())) {
                shown.add(m.up().name());
            }
        }
        List<LintScript> others = new ArrayList<>();
        for (Path p : wanted) {
            others.add(LintScript.plain(p.toString(), MigrationFile.read(p)));
            shown.add(p.toString());
        }
        return Lint.files(migrations, others, shown, options);
    }
}
