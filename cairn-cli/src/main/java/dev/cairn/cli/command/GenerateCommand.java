package dev.cairn.cli.command;

import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.render.Progress;
import dev.cairn.engine.GenerateRequest;
import dev.cairn.engine.GenerateResult;
import dev.cairn.schema.SchemaJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn generate NAME}: the next migration, written from the difference with a desired schema. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the next migration (in the directory's own convention, as 'new' names it) from the"
                + " difference between the schema the migration files build, replayed on a scratch database, and"
                + " the desired schema: the configured database (then the new migration is recorded there as"
                + " applied), --to-schema FILE.sql (applied to a second scratch database) or --to-url URL."
                + " The up reaches the desired schema, the down comes back. Scratch databases are always dropped."},
        footer = {"", "Examples:",
                "  cairn generate add_ratings",
                "  cairn generate add_ratings --dry-run",
                "  cairn generate sync --to-schema db/schema.sql --rename users.mail:email",
                "  cairn generate sync --to-url postgres://localhost/designed --json",
                "", "Exit codes: 0 generated, or no differences (nothing generated), 1 a script failed on a scratch"
                + " database or a database could not be reached, 2 bad usage or configuration, pending migrations"
                + " on the desired database, or no right to create a scratch database."})
public final class GenerateCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Lowercase words joined by underscores.")
    String name;

    @Option(names = "--to-schema", paramLabel = "FILE", description = "A SQL file with the desired schema.")
    Path toSchema;

    @Option(names = "--to-url", paramLabel = "URL", description = "A database with the desired schema (only read).")
    String toUrl;

    @Option(names = "--rename", paramLabel = "OLD:NEW", description = "A table or column renamed, not dropped and"
            + " added: [schema.]table:new_table or [schema.]table.column:new_column. Repeatable.")
    List<String> renames = new ArrayList<>();

    @Option(names = "--no-record", description = "Leave the new migration pending on the configured database.")
    boolean noRecord;

    @Option(names = "--unsafe-fast", description = "Plain forms: indexes built and constraints validated inside"
            + " the migration's transaction (locks writes), no second migration.")
    boolean unsafeFast;

    @Option(names = "--dry-run", description = "Print the files instead of writing them; record nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    @Option(names = "--scratch-url", paramLabel = "URL", description = "A server where Cairn may create (and drop)"
            + " temporary databases; default: the target's own server.")
    String scratchUrl;

    public GenerateCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        GenerateRequest request = new GenerateRequest(name, Optional.ofNullable(toSchema).map(f -> context.cwd().resolve(f)), Optional.ofNullable(toUrl),
                !noRecord, dryRun, unsafeFast, renames, candidate -> !json && console.interactive()
                && console.ask("In " + candidate.table() + ", column " + candidate.from() + " went and "
                + candidate.to() + " (" + candidate.type() + ") came: renamed? [y/N] ").equalsIgnoreCase("y"));
        return withCairn(new Progress(console, true), cairn -> {
            GenerateResult r;
            try (dev.cairn.cli.ScratchServer scratch = dev.cairn.cli.ScratchServer.choose(context, console, cairn,
                    scratchUrl)) {
                r = scratch.url().isEmpty() ? cairn.generate(request) : cairn.generate(scratch.url(), request);
            }
            if (json) {
                console.out(SchemaJson.write(r).stripTrailing());
                return 0;
            }
            if (!r.generated()) {
                console.out("no differences: nothing generated");
                return 0;
            }
            for (GenerateResult.File f : r.files()) {
                if (r.dryRun()) {
                    console.out("-- " + f.path());
                    console.out(f.text().stripTrailing());
                    console.out("");
                } else {
                    console.out("created " + relative(f.path()));
                }
            }
            r.dropsData().forEach(d -> console.out("drops data: " + d + " (the up says so: -- cairn: drops data)"));
            r.notGenerated().forEach(n -> console.out("not generated: write it by hand: " + n.kind() + " "
                    + n.object() + " (its definition is a comment in the file)"));
            if (r.downLeftOut()) {
                console.out("drizzle-kit keeps no down scripts: the down was not written");
            }
            if (!r.recorded().isEmpty()) {
                console.out("recorded as applied on the database (it already has these changes): "
                        + String.join(", ", r.recorded()));
            }
            return 0;
        });
    }

    private String relative(String path) {
        Path p = Path.of(path).toAbsolutePath();
        return p.startsWith(context.cwd()) ? context.cwd().relativize(p).toString() : path;
    }
}
