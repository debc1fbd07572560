package dev.cairn.cli.command;

import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.Progress;
import dev.cairn.engine.Baseline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn baseline --version V}: adopts an existing database. */
@Command(name = "baseline", sortOptions = false,
        description = {"Adopt a database that already has the schema of some migrations: record every migration"
                + " up to VERSION as applied (kind 'baseline') without running it. Only when the history has"
                + " nothing applied yet."},
        footer = {"", "Examples:",
                "  cairn baseline --version 003      001..003 are in the database already;",
                "                                    migrate runs 004 onwards",
                "", "Exit codes: 0 ok, 2 no migration at or below VERSION, 4 the history already has applied migrations."})
public final class BaselineCommand extends DatabaseCommand {

    @Option(names = "--version", paramLabel = "VERSION", required = true,
            description = "The last migration the database already has.")
    String version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    public BaselineCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        return withCairn(new Progress(console, true), cairn -> {
            Baseline.Result r = cairn.baseline(MigrateCommand.Versions.parse(version));
            if (json) {
                console.out(Json.write(Json.map("baselined", r.versions(), "batch", r.batch())));
            } else {
                console.out("recorded " + r.versions().size() + " migration(s) as applied without running them: "
                        + String.join(", ", r.versions()) + " (batch " + r.batch() + ")");
            }
            return 0;
        });
    }
}
