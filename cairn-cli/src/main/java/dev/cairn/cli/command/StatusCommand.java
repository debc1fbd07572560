package dev.cairn.cli.command;

import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.Progress;
import dev.cairn.cli.render.Text;
import dev.cairn.engine.Status;
import dev.cairn.engine.StatusResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn status}: every migration's state. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List every migration with its state (applied, pending, failed, modified, missing,"
                + " out-of-order), when it was applied, how long it took and its batch; then a summary, recent"
                + " rollbacks, ignored files and problems. Changes nothing."},
        footer = {"", "Examples:",
                "  cairn status",
                "  cairn status --json | jq '.summary.pending'",
                "  cairn status --sizes     the database size measured on disk, not estimated",
                "  cairn status --check     in CI: exit 3 when pending, 4 when validation fails",
                "", "Exit codes: 0 ok, 3 pending (with --check), 4 validation failed (with --check)."})
public final class StatusCommand extends DatabaseCommand {

    @picocli.CommandLine.Mixin
    dev.cairn.cli.FanoutOptions fanout;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    @Option(names = "--sizes", description = "Measure the database's size on disk (slower: it reads every"
            + " relation's files) instead of estimating it from the catalog's page counts.")
    boolean sizes;

    @Option(names = "--check", description = "Exit 3 when something is pending and 4 when validation fails.")
    boolean check;

    public StatusCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        if (fanningOut(fanout)) {
            return fanOut(fanout, "status", json, java.util.Optional.empty(), java.util.Optional.empty(), false,
                    cairn -> {
                        StatusResult s = cairn.status(sizes ? Status.Sizes.EXACT : Status.Sizes.ESTIMATED);
                        var n = s.summary();
                        String line = n.applied() + " applied, " + n.pending() + " pending"
                                + (s.problems().isEmpty() ? "" : ", " + s.problems().size() + " problems");
                        int code = !check ? 0 : !s.problems().isEmpty() ? 4 : s.hasPending() ? 3 : 0;
                        String why = s.problems().stream().map(p -> "\n  " + p.template()).reduce("", String::concat);
                        return new dev.cairn.cli.fanout.Fanout.Outcome(code, code == 0 ? line : line + why);
                    });
        }
        return withCairn(new Progress(console, true), cairn -> {
            StatusResult s = cairn.status(sizes ? Status.Sizes.EXACT : Status.Sizes.ESTIMATED);
            if (json) {
                console.out(Json.write(Json.status(s)));
            } else {
                Text.status(console, s);
            }
            if (!check) {
                return 0;
            }
            if (!s.problems().isEmpty()) {
                return 4;
            }
            return s.hasPending() ? 3 : 0;
        });
    }
}
