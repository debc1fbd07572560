package dev.cairn.cli.command;

import dev.cairn.cli.ConfirmOptions;
import dev.cairn.cli.Confirmation;
import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.Settings;
import dev.cairn.cli.render.Progress;
import dev.cairn.engine.Reset;
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
                "", "Managed schemas: --schema, else 'schemas' in cairn.toml, else the current schema, the history"
                        + " table's schema, the schemas the migrations create and every other schema holding tables"
                        + " (not system or extension schemas). A --schema that does not exist, a system schema or an"
                        + " extension's schema is refused before anything is dropped.",
                "", "When every migration can run in a transaction, the drop and the migrations are one transaction:"
                        + " a failing migration leaves the database as it was.",
                "", "Exit codes: 0 ok, 1 failed, 2 bad schema or migration files (nothing changed),"
                        + " 6 refused or not confirmed (nothing changed)."})
public final class ResetCommand extends DatabaseCommand {

    @Option(names = "--schema", paramLabel = "NAME", description = "A schema to empty (it must exist); repeatable.")
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
            Reset.Result result = cairn.reset(new Reset.Options(managed, true), plan -> {
                String what = "drop every object in schema(s) " + String.join(", ", plan.schemas()) + " of database "
                        + plan.database();
                console.err("reset will " + what + " (" + plan.statements().size() + " DROP statements), then migrate "
                        + (plan.separately().isEmpty() ? "in the same transaction (a failure changes nothing)"
                        : "after committing the drop: " + plan.separately()));
                confirmation.require("reset: " + what, plan.database());
                confirmation.require("reset: really drop everything and migrate again", plan.database());
                return true;
            });
            console.out("dropped " + result.dropped().size() + " object(s) in " + String.join(", ", result.schemas()));
            console.out("applied " + result.migrated().applied().size() + " migration(s)");
            if (seedOptions != null) {
                Seed.Result s = cairn.seed(seedOptions);
                console.out("seeded " + s.applied().size() + " file(s)");
                SeedCommand.printNotes(console, SeedCommand.notes(settings, s));
            }
            return 0;
        });
    }
}
