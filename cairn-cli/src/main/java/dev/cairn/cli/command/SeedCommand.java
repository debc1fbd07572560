package dev.cairn.cli.command;

import dev.cairn.cli.ConfirmOptions;
import dev.cairn.cli.Confirmation;
import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.Settings;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.Progress;
import dev.cairn.engine.Seed;
import dev.cairn.error.CairnException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn seed}: loads seed data. */
@Command(name = "seed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run seed files: seeds/*.sql, then seeds/<env>/*.sql, by name, each in a transaction with its"
                + " row in cairn_seed_history. A seed runs again only when its checksum changed, or with --rerun."
                + " In a protected environment only seeds/<env>/ files run, and only when that folder exists and"
                + " the run is confirmed."},
        footer = {"", "Examples:",
                "  cairn seed",
                "  cairn seed --env staging --seeds db/seeds",
                "  cairn seed --rerun",
                "", "Exit codes: 0 ok, 1 a seed failed (it was rolled back), 2 no seeds directory, 6 refused."})
public final class SeedCommand extends DatabaseCommand {

    @Option(names = "--seeds", paramLabel = "DIR",
            description = "Seeds directory. Default: 'seeds' in cairn.toml, else 'seeds' beside the migrations directory.")
    String seeds;

    @Option(names = "--rerun", description = "Run every seed, changed or not.")
    boolean rerun;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    @Mixin
    ConfirmOptions confirm;

    public SeedCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        Settings settings = settings();
        Seed.Options options = options(settings);
        return withCairn(new Progress(console, json), cairn -> {
            if (settings.protectedEnvironment()) {
                new Confirmation(console, confirm, settings).require("seed",
                        cairn.configuration().connection().database());
            }
            Seed.Result r = cairn.seed(options);
            var notes = notes(settings, r);
            if (json) {
                console.out(Json.write(Json.map("applied", r.applied(), "unchanged", r.unchanged(), "notes", notes)));
            } else {
                console.out("seeded " + r.applied().size() + " file(s)"
                        + (r.unchanged().isEmpty() ? "" : ", " + r.unchanged().size() + " unchanged"));
                printNotes(console, notes);
            }
            return 0;
        });
    }

    /**
     * The leading comments of the seeds that ran. They document what a seed created (test users, demo
     * logins), so they are never shown in a protected environment, where such data must not be.
     */
    static java.util.Map<String, String> notes(Settings settings, Seed.Result r) {
        return settings.protectedEnvironment() ? java.util.Map.of() : r.notes();
    }

    /** Each seed's note under its name, indented. */
    static void printNotes(Console console, java.util.Map<String, String> notes) {
        notes.forEach((name, note) -> {
            console.out(name + ":");
            note.lines().forEach(l -> console.out(l.isEmpty() ? "" : "  " + l));
        });
    }

    /** Seeds directory and environment; a protected environment seeds only its own folder. */
    static Seed.Options seedOptions(Path dir, Settings settings, boolean rerun) {
        if (settings.protectedEnvironment()) {
            Path own = Seed.environmentFolder(dir, settings.environment());
            if (!Files.isDirectory(own)) {
                throw CairnException.refused("seed.protected", "the environment '" + settings.environment()
                        + "' is protected and has no seeds folder " + own + "; shared seeds never run there."
                        + " Nothing was changed");
            }
            return new Seed.Options(own, "", rerun);
        }
        return new Seed.Options(dir, settings.environment(), rerun);
    }

    private Seed.Options options(Settings settings) {
        return seedOptions(seedsDirectory(context, settings, seeds), settings, rerun);
    }

    /** --seeds, else 'seeds' in cairn.toml, else seeds/ beside the first migrations directory. */
    static Path seedsDirectory(Context context, Settings settings, String flag) {
        if (flag != null) {
            return context.resolve(flag);
        }
        return settings.extra().seeds().map(context::resolve)
                .orElseGet(() -> settings.directories().get(0).toAbsolutePath().getParent().resolve("seeds"));
    }
}
