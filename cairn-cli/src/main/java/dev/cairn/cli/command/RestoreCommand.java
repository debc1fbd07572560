package dev.cairn.cli.command;

import dev.cairn.cli.ConfirmOptions;
import dev.cairn.cli.Confirmation;
import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.render.BackupReport;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.Progress;
import dev.cairn.engine.BackupFormat;
import dev.cairn.engine.RestoreRequest;
import dev.cairn.engine.RestoreResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn restore FILE}: restores a backup into the configured database. */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Restore a backup written by 'cairn backup' into the configured database, in one"
                + " transaction: pg_restore --clean --if-exists --no-owner for a .dump, psql -v ON_ERROR_STOP=1"
                + " in restricted mode reading the gunzipped SQL from a private file for a .sql.gz (a file holding"
                + " psql meta-commands such as \\! is refused). Killed or stopped, a restore is rolled back or"
                + " complete, never in between, and the tool dies with Cairn. Objects in the backup are dropped and recreated with"
                + " its data; objects created since the backup are left as they are."},
        footer = {"", "Examples:",
                "  cairn restore backups/app_20240101_120000.dump    asks y/N on a terminal",
                "  cairn restore backups/app_20240101_120000.sql.gz --yes",
                "  cairn restore backups/app_20240101_120000.dump --env production \\",
                "      --yes --confirm app",
                "", "Without a terminal (CI, scripts) --yes is required, and in a protected environment also"
                + " --confirm with the database name.",
                "", "Exit codes: 0 restored, 1 the restore failed (rolled back: the database is as it was), 2 the"
                + " file is missing or not a backup or holds a psql meta-command, or pg_restore/psql missing or too old, 5 lock timeout,"
                + " 6 not confirmed (nothing changed)."})
public final class RestoreCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup: a .dump or .sql.gz file.")
    String file;

    @Mixin
    ConfirmOptions confirm;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    public RestoreCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        Confirmation confirmation = new Confirmation(console, confirm, settings());
        RestoreRequest request = new RestoreRequest(context.resolve(file), context.env(), plan -> {
            if (console.interactive()) {
                console.err("about to restore " + file + " (" + describe(plan.format()) + ") into " + plan.database()
                        + ": the objects in the backup are dropped and recreated with its data");
            }
            confirmation.require("restore " + file + " into " + plan.database(), plan.database());
            return true;
        });
        return withCairn(new Progress(console, json), cairn -> {
            RestoreResult r = cairn.restore(request);
            if (json) {
                console.out(Json.write(BackupReport.json(r)));
            } else {
                console.out("restored " + file + " into " + r.database() + " in " + r.duration().toMillis() + " ms");
            }
            return 0;
        });
    }

    private static String describe(BackupFormat format) {
        return format == BackupFormat.CUSTOM ? "a pg_dump custom archive" : "gzipped SQL";
    }
}
