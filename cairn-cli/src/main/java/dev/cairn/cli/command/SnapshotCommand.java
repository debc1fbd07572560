package dev.cairn.cli.command;

import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.render.Progress;
import dev.cairn.engine.Snapshot;
import dev.cairn.schema.SchemaModel;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn snapshot}: the live schema as DATABASE.md, or as JSON. */
@Command(name = "snapshot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the live schema as Markdown (DATABASE.md): per schema, each table with its columns,"
                + " types, nullability, defaults and comments, keys, indexes, foreign keys out and in, triggers and"
                + " policies; then views, functions, types, sequences and extensions. The same database gives the"
                + " same bytes. Reads only; Cairn's own tables are left out."},
        footer = {"", "Examples:",
                "  cairn snapshot                      write DATABASE.md",
                "  cairn snapshot --out docs/schema.md",
                "  cairn snapshot --json | jq '.tables[].name'",
                "  cairn snapshot --grants              with every role's privileges",
                "  cairn migrate --snapshot DATABASE.md   rewrite it after a migrate that applied",
                "", "Exit codes: 0 written, 1 the database could not be read or the file written, 2 bad configuration."})
public final class SnapshotCommand extends DatabaseCommand {

    /** Where the Markdown goes when --out is not given. */
    public static final String DEFAULT_FILE = "DATABASE.md";

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (default: DATABASE.md; with --json:"
            + " standard output).")
    String out;

    @Option(names = "--json", description = "The model as one JSON document (on standard output unless --out).")
    boolean json;

    @Option(names = "--grants", description = "Every role's privileges too (a Grants section; \"grants\" in JSON).")
    boolean grants;

    public SnapshotCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        return withCairn(new Progress(console, true), cairn -> {
            if (json && out == null) {
                console.out(Snapshot.Format.JSON.render(grants ? cairn.schemaWithGrants() : cairn.schema()).stripTrailing());
                return 0;
            }
            String name = out != null ? out : DEFAULT_FILE;
            Path file = context.resolve(name);
            SchemaModel m = cairn.snapshot(file, json ? Snapshot.Format.JSON : Snapshot.Format.MARKDOWN, grants);
            console.out("wrote " + name + ": " + summary(m));
            return 0;
        });
    }

    /** Counts of what was written, such as {@code 3 tables, 1 view, 2 functions}. */
    static String summary(SchemaModel m) {
        return count(m.tables().size(), "table") + ", " + count(m.views().size(), "view") + ", "
                + count(m.routines().size(), "function") + ", " + count(m.types().size(), "type") + ", "
                + count(m.sequences().size(), "sequence");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
