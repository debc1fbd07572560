package dev.cairn.cli.command;

import dev.cairn.Cairn;
import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.render.BackupReport;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.Progress;
import dev.cairn.cli.render.Text;
import dev.cairn.engine.BackupRequest;
import dev.cairn.engine.BackupThenMigrate;
import dev.cairn.engine.DryRun;
import dev.cairn.engine.MigrateOptions;
import dev.cairn.engine.MigrateResult;
import dev.cairn.migration.Version;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn migrate}: applies pending migrations. */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply pending migrations in version order, each in its own transaction together with its row"
                + " in the history table, under a lock so that concurrent runners apply each migration once."},
        footer = {"", "Examples:",
                "  cairn migrate --url postgres://app@localhost:5432/app",
                "  cairn migrate --dry-run                 print every statement that would run, touch nothing",
                "  cairn migrate --dry-run --json          the same as JSON",
                "  cairn migrate --target 20240115093000   stop after this version",
                "  cairn migrate --backup                  pg_dump into backups/ first, if any pending",
                "  cairn migrate --snapshot DATABASE.md    rewrite the schema document when something was applied",
                "", "Exit codes: 0 applied or up to date, 1 a migration failed (it was rolled back), 2 bad"
                + " files or configuration, 4 refused (modified, missing, failed or out-of-order migrations),"
                + " 5 lock timeout."})
public final class MigrateCommand extends DatabaseCommand {

    @Option(names = "--target", paramLabel = "VERSION", description = "Apply nothing above this version.")
    String target;

    @Option(names = "--dry-run", description = "Print every statement that would run, with its file:line; change"
            + " nothing (not even the history table).")
    boolean dryRun;

    @Option(names = "--out-of-order", description = "Apply pending versions lower than the newest applied one.")
    boolean outOfOrder;

    @Option(names = "--single-transaction", description = "Run the whole pending set in one transaction: all of it"
            + " or nothing (refused when a migration cannot run in a transaction).")
    boolean singleTransaction;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    @Option(names = "--backup", negatable = true, description = "Back up with pg_dump into backups/ first, only when"
            + " something is pending; if the backup fails nothing is applied. --no-backup skips it. Default: 'backup'"
            + " in cairn.toml, else on in protected environments (production, prod).")
    Boolean backup;

    @Option(names = "--snapshot", paramLabel = "FILE", description = "After applying something, rewrite FILE with"
            + " the schema as Markdown (see cairn snapshot). Default: 'snapshot_after_migrate' in cairn.toml.")
    String snapshot;

    public MigrateCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        MigrateOptions opts = new MigrateOptions(Optional.ofNullable(target).map(Versions::parse), outOfOrder,
                singleTransaction);
        return withCairn(new Progress(console, json || dryRun), cairn -> {
            if (!dryRun) {
                announceTarget(json);
            }
            if (dryRun) {
                DryRun d = cairn.dryRun(opts);
                if (json) {
                    console.out(Json.write(Json.dryRun(d)));
                } else {
                    Text.dryRun(console, d);
                }
                return 0;
            }
            MigrateResult r = backupWanted() ? backupThenMigrate(cairn, opts) : cairn.migrate(opts);
            if (json) {
                console.out(Json.write(Json.migrate(r)));
            } else if (r.upToDate()) {
                console.out("up to date: no pending migrations");
            } else {
                long ms = r.applied().stream().mapToLong(a -> a.duration().toMillis()).sum();
                console.out("applied " + r.applied().size() + (r.applied().size() == 1 ? " migration" : " migrations")
                        + " in " + ms + " ms (batch " + r.batch() + ")");
            }
            if (!r.upToDate()) {
                snapshotFile().ifPresent(name -> {
                    var m = cairn.snapshot(context.resolve(name));
                    String line = "wrote " + name + ": " + SnapshotCommand.summary(m);
                    if (json) {
                        console.err(line);
                    } else {
                        console.out(line);
                    }
                });
            }
            return 0;
        });
    }

    private Optional<String> snapshotFile() {
        return Optional.ofNullable(snapshot).or(() -> settings().extra().snapshotAfterMigrate());
    }

    private boolean backupWanted() {
        return backup != null ? backup : settings().extra().backup().orElse(settings().protectedEnvironment());
    }

    /** The backup is told first; with --json on standard error, so standard output stays one document. */
    private MigrateResult backupThenMigrate(Cairn cairn, MigrateOptions opts) {
        BackupThenMigrate.Result r = cairn.migrate(opts, BackupRequest.to(context.resolve("backups"))
                .withEnvironment(context.env()));
        r.backup().ifPresent(b -> {
            String line = "backed up " + b.database() + " to " + b.file() + " before migrating; restore with: "
                    + BackupReport.restoreCommand(b.file(), settings().environment());
            if (json) {
                console.err(line);
            } else {
                console.out(line);
            }
        });
        return r.migrate();
    }

    /** Parses versions given on the command line. */
    static final class Versions {
        private Versions() {
        }

        static Version parse(String text) {
            try {
                return Version.of(text);
            } catch (IllegalArgumentException e) {
                throw dev.cairn.error.CairnException.usage("cli.version", "'" + text + "' is not a version;"
                        + " give the number at the start of a migration's file name, such as 003 or 20240115093000");
            }
        }
    }
}
