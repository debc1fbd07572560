package dev.cairn.cli.command;

import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.ScratchServer;
import dev.cairn.cli.render.Progress;
import dev.cairn.engine.DriftResult;
import dev.cairn.schema.SchemaJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn drift}: does the live schema match what the applied migrations build? */
@Command(name = "drift", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay the applied migrations (their up scripts as recorded in the history, in the order"
                + " they were applied) on a temporary scratch database, compare its schema with the live one and"
                + " print one line per difference. The live database is only read; the scratch database"
                + " (cairn_scratch_<random>, on the target's server unless --scratch-url) is always dropped."},
        footer = {"", "Examples:",
                "  cairn drift",
                "  cairn drift --json | jq '.differences[].object'",
                "  cairn drift --scratch-url postgres://postgres@localhost:5432/postgres",
                "  cairn drift --grants             privileges too",
                "", "Exit codes: 0 no drift, 1 a migration failed on the scratch database or a database could not be"
                + " reached, 2 bad configuration or no right to create the scratch database, 4 drift found."})
public final class DriftCommand extends DatabaseCommand {

    @picocli.CommandLine.Mixin
    dev.cairn.cli.FanoutOptions fanout;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    @Option(names = "--scratch-url", paramLabel = "URL", description = "A server where Cairn may create (and drop)"
            + " a temporary database; default: the target's own server.")
    String scratchUrl;

    @Option(names = "--grants", description = "Compare every role's privileges too (GRANT and REVOKE made outside"
            + " the migrations are drift).")
    boolean grants;

    public DriftCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        if (fanningOut(fanout)) {
            if (fanout.schemasQuery != null) {
                // The live side is read database-wide, the replay lands in one schema: every tenant would drift.
                throw dev.cairn.error.CairnException.usage("fanout.options", "drift compares whole databases and"
                        + " does not run per schema: use --targets, or validate/status with --schemas-query");
            }
            return fanOut(fanout, "drift", json, java.util.Optional.empty(), java.util.Optional.empty(), false,
                    cairn -> {
                        DriftResult r;
                        try (ScratchServer scratch = ScratchServer.choose(context, console, cairn, scratchUrl)) {
                            r = cairn.drift(scratch.url(), grants);
                        }
                        return new dev.cairn.cli.fanout.Fanout.Outcome(r.drifted() ? 4 : 0, !r.drifted() ? "no drift"
                                : r.differences().size() + (r.differences().size() == 1 ? " difference:"
                                : " differences:") + r.differences().stream()
                                .map(d -> "\n  " + DriftResult.describe(d)).reduce("", String::concat));
                    });
        }
        return withCairn(new Progress(console, true), cairn -> {
            DriftResult r;
            try (ScratchServer scratch = ScratchServer.choose(context, console, cairn, scratchUrl)) {
                r = cairn.drift(scratch.url(), grants);
            }
            if (json) {
                console.out(SchemaJson.write(r).stripTrailing());
            } else if (!r.drifted()) {
                console.out("no drift: the schema matches the " + r.replayed() + " applied migration"
                        + (r.replayed() == 1 ? "" : "s") + " replayed on a scratch database");
            } else {
                r.differences().forEach(d -> console.out(DriftResult.describe(d)));
                console.out(r.differences().size() + (r.differences().size() == 1 ? " difference" : " differences")
                        + " between the database and its " + r.replayed() + " applied migrations");
            }
            return r.drifted() ? 4 : 0;
        });
    }
}
