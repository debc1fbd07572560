package dev.cairn.cli.command;

import dev.cairn.Cairn;
import dev.cairn.cli.CommonOptions;
import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cairn new NAME}: the next migration file. Needs no database. */
@Command(name = "new", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create the next migration in the convention of the directory's newest migration:"
                + " <UTC yyyyMMddHHmmss>_<name>.sql with -- migrate:up / -- migrate:down sections in an empty"
                + " directory; otherwise the next number (same zero padding), timestamp or date in that"
                + " directory's form - numbered files with a _rollback sibling, golang-migrate .up/.down pairs,"
                + " forward/rollback banner sections, dated files with a -- ROLLBACK: line, Flyway V (and U), diesel folders, goose and sql-migrate"
                + " sections, drizzle-kit files with their meta/_journal.json entry."},
        footer = {"", "Examples:",
                "  cairn new add_users_table",
                "  cairn new add_ratings \"Add ratings with a 1-5 score\"",
                "  cairn new add_orders --dir db/migrations"})
public final class NewCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Lowercase words joined by underscores, e.g."
            + " add_users_table.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DESCRIPTION", description = "What it does, in words;"
            + " goes into the file's header comment with the UTC creation time. Default: the name's words.")
    String description = "";

    @Mixin
    CommonOptions options;

    private final Context context;
    private final Console console;

    public NewCommand(Context context, Console console) {
        this.context = context;
        this.console = console;
    }

    @Override
    public Integer call() {
        Settings settings = new Settings(context, console, options);
        // No connection is opened: the URL only has to be well-formed.
        Cairn cairn = settings.builder(dev.cairn.engine.Listener.NONE,
                java.util.Optional.of("jdbc:postgresql://localhost/none")).load();
        List<Path> files = cairn.newMigration(name, description);
        for (Path f : files) {
            console.out("created " + context.cwd().relativize(f.toAbsolutePath()));
            Path journal = f.toAbsolutePath().getParent().resolve("meta").resolve("_journal.json");
            if (java.nio.file.Files.isRegularFile(journal)) {
                console.out("updated " + context.cwd().relativize(journal) + " (drizzle-kit journal)");
            }
        }
        return 0;
    }
}
