package dev.cairn.cli.command;

import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.render.BackupReport;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.Progress;
import dev.cairn.engine.BackupFormat;
import dev.cairn.engine.BackupRequest;
import dev.cairn.engine.BackupResult;
import dev.cairn.error.CairnException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn backup}: dumps the database with pg_dump. */
@Command(name = "backup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Dump the database with pg_dump to backups/<database>_<yyyyMMdd_HHmmss>.dump (UTC) and print"
                + " the command that restores it. pg_dump must be on the PATH and at least as new as the server;"
                + " the password reaches it in PGPASSWORD, never on its command line."},
        footer = {"", "Examples:",
                "  cairn backup                  a pg_dump custom archive in backups/",
                "  cairn backup --format plain   gzipped SQL (.sql.gz), readable with zcat",
                "  cairn backup --out-dir /var/backups/app --keep-days 14",
                "  cairn restore backups/app_20240101_120000.dump",
                "", "Backups older than 7 days are deleted by default (--keep-days N, backup_keep_days in cairn.toml;"
                + " -1 or \"forever\" keeps all).",
                "", "--keep-days deletes only this database's files named in Cairn's own form, by the time in the"
                + " name; other files in the directory are never touched.",
                "", "Exit codes: 0 written, 1 pg_dump failed (its message is shown; no file is left), 2 pg_dump"
                + " missing or older than the server, or a bad option."})
public final class BackupCommand extends DatabaseCommand {

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Where backups go, created when missing."
            + " Default: backups (in the working directory).")
    String outDir = "backups";

    @Option(names = "--format", paramLabel = "FORMAT", description = "custom (.dump, restored by pg_restore) or"
            + " plain (.sql.gz, SQL gzipped by Cairn, restored by psql). Default: custom.")
    String format = "custom";

    @Option(names = "--keep-days", paramLabel = "N", description = "After a successful backup, delete this"
            + " database's backups (Cairn's file names only) taken more than N days ago; 0 keeps only the new one,"
            + " -1 keeps all. Default: backup_keep_days in cairn.toml, else 7.")
    Integer keepDays;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    public BackupCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        Optional<Integer> days = settings().keepDays(Optional.ofNullable(keepDays));
        BackupRequest request = request(days);
        String env = settings().environment();
        return withCairn(new Progress(console, json), cairn -> {
            BackupResult r = cairn.backup(request);
            if (json) {
                console.out(Json.write(BackupReport.json(r, env, days)));
            } else {
                BackupReport.text(console, r, env, days);
            }
            return 0;
        });
    }

    private BackupRequest request(Optional<Integer> days) {
        BackupRequest r = BackupRequest.to(context.resolve(outDir)).withFormat(format(format))
                .withEnvironment(context.env());
        return days.map(d -> r.keeping(Duration.ofDays(d))).orElse(r);
    }

    static BackupFormat format(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "custom" -> BackupFormat.CUSTOM;
            case "plain" -> BackupFormat.PLAIN;
            default -> throw CairnException.usage("cli.format", "--format '" + text + "' is not a backup format;"
                    + " use custom (.dump) or plain (.sql.gz)");
        };
    }
}
