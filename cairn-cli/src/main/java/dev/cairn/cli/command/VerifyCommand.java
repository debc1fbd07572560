package dev.cairn.cli.command;

import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.ScratchServer;
import dev.cairn.cli.render.Progress;
import dev.cairn.engine.Verify;
import dev.cairn.engine.VerifyResult;
import dev.cairn.error.CairnException;
import dev.cairn.schema.SchemaDiff;
import dev.cairn.schema.SchemaJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn verify}: does every migration's down undo its up? */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"On a temporary scratch database, for each migration file in order: read the schema, run the"
                + " up, read it again, run the down and compare with the schema before the up, run the up again and"
                + " compare with the schema after the first up. A down that fails or leaves something behind is"
                + " reported with the differences. The target database is not touched; the scratch database"
                + " (cairn_scratch_<random>, on the target's server unless --scratch-url) is always dropped.",
                "--pending verifies only the pending migrations, on top of the applied ones replayed as recorded"
                + " (as drift does). --mode all runs all ups, all downs newest first, all ups again, and names the"
                + " first step that fails or leaves the schema different."},
        footer = {"", "Examples:",
                "  cairn verify",
                "  cairn verify --pending           only what the next migrate would apply",
                "  cairn verify --mode all          all ups, all downs, all ups again",
                "  cairn verify --json | jq '.migrations[] | select(.outcome != \"ok\")'",
                "", "Exit codes: 0 every round trip passed, 1 a database could not be reached, 2 bad files or"
                + " configuration, or no right to create the scratch database, 4 a migration failed its round trip."})
public final class VerifyCommand extends DatabaseCommand {

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    @Option(names = "--scratch-url", paramLabel = "URL", description = "A server where Cairn may create (and drop)"
            + " a temporary database; default: the target's own server.")
    String scratchUrl;

    @Option(names = "--pending", description = "Only the pending migrations, on top of the applied ones (their"
            + " recorded up scripts replayed first on the scratch database).")
    boolean pending;

    @Option(names = "--mode", paramLabel = "MODE", description = "each (default): round-trip each migration on its"
            + " own; all: all ups in order, all downs newest first, all ups again, stopping at the first failing step.")
    String mode = "each";

    public VerifyCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        Verify.Mode m = mode(mode);
        return withCairn(new Progress(console, true), cairn -> {
            VerifyResult r;
            try (ScratchServer scratch = ScratchServer.choose(context, console, cairn, scratchUrl)) {
                r = scratch.url().isEmpty() ? cairn.verify(pending, m) : cairn.verify(scratch.url(), pending, m);
            }
            if (json) {
                console.out(SchemaJson.write(r).stripTrailing());
            } else {
                for (VerifyResult.Item i : r.migrations()) {
                    console.out(String.format("%-20s %s %s", i.outcome().label(), i.version(), i.script())
                            + (i.message().isEmpty() ? "" : ": " + i.message()));
                    for (SchemaDiff.Difference d : i.differences()) {
                        console.out("  " + describe(i.outcome(), d));
                    }
                }
                long failed = r.migrations().stream().filter(i -> i.outcome().failed()).count();
                java.util.Optional<VerifyResult.Item> first = r.migrations().stream()
                        .filter(i -> i.outcome().failed() && i.outcome() != VerifyResult.Outcome.NOT_RUN)
                        .findFirst();
                console.out(r.passed() ? "verified " + r.migrations().size() + " migrations: every down undoes its up"
                        : m == Verify.Mode.ALL && first.isPresent() ? "verify --mode all stopped at "
                        + first.get().version() + " " + first.get().script() + " (" + first.get().outcome().label() + ")"
                        : failed + " of " + r.migrations().size() + " migrations failed verification");
            }
            return r.passed() ? 0 : 4;
        });
    }

    static Verify.Mode mode(String text) {
        return switch (text) {
            case "each" -> Verify.Mode.EACH;
            case "all" -> Verify.Mode.ALL;
            default -> throw CairnException.usage("cli.verify-mode", "--mode '" + text + "' is not a verify mode;"
                    + " use each (each migration round-tripped on its own) or all (all ups, all downs, all ups again)");
        };
    }

    private static String describe(VerifyResult.Outcome outcome, SchemaDiff.Difference d) {
        boolean down = outcome != VerifyResult.Outcome.REAPPLY_DIFFERS;
        String what = d.kind() + " " + d.object() + ": ";
        return what + switch (d.change()) {
            case ADDED -> down ? "left behind by the down" : "only after the second up";
            case REMOVED -> down ? "removed by the down and not restored" : "only after the first up";
            case CHANGED -> (down ? "not restored by the down: before the up " : "differs after the second up: first ")
                    + d.expected() + "; " + (down ? "after the down " : "second ") + d.actual();
        };
    }
}
