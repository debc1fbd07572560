package dev.cairn.cli.command;

import dev.cairn.cli.ConfirmOptions;
import dev.cairn.cli.Confirmation;
import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.Progress;
import dev.cairn.engine.Repair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn repair}: resolves failed rows and accepts edited applied files. */
@Command(name = "repair", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Mend the history after you have looked at the database: resolve FAILED migrations (they"
                + " run again on the next migrate; a migration that failed part way without a transaction must be"
                + " finished or undone by hand first), and accept intentionally edited applied files by realigning"
                + " their checksums. Lists every change and asks first; who and when are recorded in repaired_by"
                + " and repaired_at."},
        footer = {"", "Examples:",
                "  cairn repair            list the changes, then ask y/N",
                "  cairn repair --yes      in scripts and CI",
                "", "Exit codes: 0 repaired or nothing to repair, 6 not confirmed."})
public final class RepairCommand extends DatabaseCommand {

    @Mixin
    ConfirmOptions confirm;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    public RepairCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        Confirmation confirmation = new Confirmation(console, confirm, settings());
        return withCairn(new Progress(console, true), cairn -> {
            Repair.Result r = cairn.repair(changes -> {
                changes.forEach(c -> console.err("  " + c.version() + " " + c.script() + ": " + c.detail()));
                confirmation.require("repair " + changes.size() + (changes.size() == 1 ? " history row" : " history rows"),
                        cairn.configuration().connection().database());
                return true;
            });
            if (json) {
                console.out(Json.write(Json.map("repaired", r.changes().stream().map(c -> Json.map(
                        "version", c.version(), "script", c.script(), "kind", c.kind().name().toLowerCase(java.util.Locale.ROOT),
                        "detail", c.detail())).toList())));
            } else {
                console.out(r.changes().isEmpty() ? "nothing to repair" : "repaired " + r.changes().size()
                        + (r.changes().size() == 1 ? " row" : " rows"));
            }
            return 0;
        });
    }
}
