package dev.cairn.cli.command;

import dev.cairn.cli.render.CliHost;
import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.Progress;
import dev.cairn.config.TableName;
import dev.cairn.engine.Import;
import dev.cairn.history.foreign.Tool;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn import}: takes over another tool's history table. */
@Command(name = "import", sortOptions = false, resourceBundle = "dev.cairn.cli.command.ImportCommand",
        description = {"Take over another tool's history table: read what Flyway, golang-migrate, dbmate, diesel,"
                + " goose, sql-migrate, drizzle or a hand-written runner (migrations_history, __migration_tracking,"
                + " migration_history, system.schema_migrations) recorded as applied, and write the matching"
                + " history rows (kind 'imported'), so nothing is pending. The other tool's table is only read,"
                + " never changed. Refused, writing nothing, when that tool recorded a failure or a dirty state,"
                + " when a recorded migration has no file, when a file differs from the checksum it stored, or when"
                + " Cairn's history already has rows. Here --table names the other tool's table; Cairn's own"
                + " history table comes from $CAIRN_TABLE or cairn.toml."},
        footer = {"", "Examples:",
                "  cairn import --dry-run           detect the tool, show what it would import",
                "  cairn import                     detect the tool and import",
                "  cairn import --from flyway --table app.flyway_history",
                "", "Exit codes: 0 imported (or nothing to import), 2 unknown tool, missing table or several tools'"
                + " tables found, 4 refused (one line per problem) or already adopted."})
public final class ImportCommand extends DatabaseCommand {

    @Option(names = "--from", paramLabel = "TOOL", description = "The other tool: flyway, golang-migrate, dbmate,"
            + " diesel, goose, sql-migrate, drizzle, migrations-history, migration-tracking, migration-history,"
            + " system-schema-migrations. Default: detected from the tables present.")
    String from;

    @Option(names = "--dry-run", description = "Read and check, write nothing: print what would be imported.")
    boolean dryRun;

    @Option(names = "--accept-checksums", description = "Take today's files as applied even where they differ from"
            + " the checksums the other tool stored.")
    boolean acceptChecksums;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    public ImportCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        Optional<String> table = takeTableOption();
        return withCairn(new Progress(console, true), cairn -> {
            Import.Result r = cairn.importHistory(new Import.Request(Optional.ofNullable(from).map(Tool::parse),
                    table.map(TableName::parse), dryRun, acceptChecksums));
            if (json) {
                console.out(Json.write(Json.importResult(r)));
            } else {
                text(r);
            }
            return r.problems().isEmpty() ? 0 : 4;
        });
    }

    private void text(Import.Result r) {
        String source = r.from() + " (" + r.table() + ")";
        if (!r.problems().isEmpty()) {
            r.problems(CliHost.HOST).forEach(p -> console.err("refused: " + p));
            console.err("nothing was imported from " + source + ": " + r.problems().size()
                    + (r.problems().size() == 1 ? " problem" : " problems") + "; " + r.table() + " is unchanged");
            return;
        }
        r.skipped().forEach(s -> console.err("left pending: " + s));
        if (r.imported().isEmpty()) {
            console.out("nothing to import: " + source + " records no applied migration");
            return;
        }
        for (Import.Imported i : r.imported()) {
            console.out("  " + i.version() + " " + i.script()
                    + i.appliedAt().map(t -> " (applied " + t + ")").orElse(""));
        }
        int n = r.imported().size();
        console.out(r.dryRun()
                ? "-- dry run: would import " + n + " migration(s) from " + source + "; nothing is changed"
                : "imported " + n + " migration(s) from " + source + " as applied (kind imported); " + r.table()
                + " is left as it was");
    }
}
