package dev.cairn.cli.command;

import dev.cairn.cli.ConfirmOptions;
import dev.cairn.cli.Confirmation;
import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.Settings;
import dev.cairn.cli.render.Progress;
import dev.cairn.engine.MigrateResult;
import dev.cairn.engine.Seed;
import dev.cairn.error.CairnException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn reset}: empties the managed schemas, migrates again, optionally seeds. */
@Command(name = "reset", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Drop every object in the managed schemas (tables, views, materialized views, sequences,"
                + " functions, procedures, types, domains, triggers; objects owned by extensions are left to their"
                + " extension) and Cairn's own tables, then migrate, then with --seed seed. Asks twice. Refused in a"
                + " protected environment unless --force-production-reset and the database name are given."},
        footer = {"", "Examples:",
                "  cairn reset                      asks twice on a terminal",
                "  cairn reset --yes --seed         in scripts (outside protected environments)",
                "  cairn reset --schema app --schema audit --yes",
                "", "Managed schemas: --schema, else 'schemas' in cairn.toml, else the connection's current schema.",
                "", "Exit codes: 0 ok, 1 failed, 6 refused or not confirmed (nothing changed)."})
public final class ResetCommand extends DatabaseCommand {

    @Option(names = "--schema", paramLabel = "NAME", description = "A schema to empty; repeatable.")
    java.util.List<String> schemas = new java.util.ArrayList<>();

    @Option(names = "--seed", description = "Seed after migrating.")
    boolean seed;

    @Option(names = "--seeds", paramLabel = "DIR", description = "Seeds directory for --seed.")
    String seeds;

    @Option(names = "--force-production-reset",
            description = "Allow reset in a protected environment (with the typed or --confirm database name).")
    boolean force;

    @Mixin
    ConfirmOptions confirm;

    public ResetCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        Settings settings = settings();
        if (settings.protectedEnvironment() && !force) {
            throw CairnException.refused("reset.protected", "reset is refused in the protected environment '"
                    + settings.environment() + "'; it needs --force-production-reset and the database name"
                    + " (typed, or --confirm). Nothing was changed");
        }
        Seed.Options seedOptions = seed ? SeedCommand.seedOptions(
                SeedCommand.seedsDirectory(context, settings, seeds), settings, false) : null;
        Confirmation confirmation = new Confirmation(console, confirm, settings);
        java.util.List<String> managed = schemas.isEmpty() ? settings.extra().schemas() : schemas;
        return withCairn(new Progress(console, false), cairn -> {
            announceTarget(false);
            var result = cairn.reset(managed, plan -> {
                String what = "drop every object in schema(s) " + String.join(", ", plan.schemas()) + " of database "
                        + plan.database();
                console.err("reset will " + what + " (" + plan.statements().size() + " DROP statements)");
                confirmation.require("reset: " + what, plan.database());
                confirmation.require("reset: really drop everything and migrate again", plan.database());
                return true;
            });
            console.out("dropped " + result.dropped().size() + " object(s) in " + String.join(", ", result.schemas()));
            MigrateResult m = cairn.migrate();
            console.out("applied " + m.applied().size() + " migration(s)");
            if (seedOptions != null) {
                Seed.Result s = cairn.seed(seedOptions);
                console.out("seeded " + s.applied().size() + " file(s)");
                SeedCommand.printNotes(console, SeedCommand.notes(settings, s));
            }
            return 0;
        });
    }
}
