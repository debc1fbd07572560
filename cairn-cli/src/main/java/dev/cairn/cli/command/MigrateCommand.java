package dev.cairn.cli.command;

import dev.cairn.Cairn;
import dev.cairn.cli.ConfirmOptions;
import dev.cairn.cli.Confirmation;
import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.render.BackupReport;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.Progress;
import dev.cairn.cli.render.Text;
import dev.cairn.engine.BackupRequest;
import dev.cairn.engine.BackupResult;
import dev.cairn.engine.DryRun;
import dev.cairn.engine.Event;
import dev.cairn.engine.MigrateOptions;
import dev.cairn.engine.MigrateResult;
import dev.cairn.engine.Reference;
import dev.cairn.migration.Version;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import dev.cairn.cli.NotifyOptions;
import dev.cairn.cli.Webhook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn migrate}: applies pending migrations. */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply pending migrations in version order, each in its own transaction together with its row"
                + " in the history table, under a lock so that concurrent runners apply each migration once."},
        footer = {"", "Examples:",
                "  cairn migrate --url postgres://app@localhost:5432/app",
                "  cairn migrate --dry-run                 print each statement; change nothing",
                "  cairn migrate --dry-run --json          the same as JSON",
                "  cairn migrate --target 20240115093000   stop after this version",
                "  cairn migrate --backup                  pg_dump first if something is pending",
                "  cairn migrate --only 20240115093000     just this pending migration",
                "  cairn migrate --rerun-modified          run changed applied files again",
                "  cairn migrate --notify https://hooks.example.com/x   POST a summary after",
                "  cairn migrate --snapshot DATABASE.md    rewrite it when something was applied",
                "  cairn migrate --targets dbs.txt --parallel 8   every database in the file",
                "", "Exit codes: 0 applied or up to date, 1 a migration failed (it was rolled back), 2 bad"
                + " files or configuration, 4 refused (modified, missing, failed or out-of-order migrations),"
                + " 5 lock timeout or lock lost, 6 re-runs of changed files not confirmed."})
public final class MigrateCommand extends DatabaseCommand {

    @Option(names = "--target", paramLabel = "MIGRATION", description = "Apply nothing above this migration: its"
            + " version (003), its file name (003_add_users or 003_add_users.sql) or its name (add_users).")
    String target;

    @Option(names = "--dry-run", description = "Print every statement that would run, with its file:line; change"
            + " nothing (not even the history table).")
    boolean dryRun;

    @Option(names = "--out-of-order", description = "Apply pending versions lower than the newest applied one.")
    boolean outOfOrder;

    @Option(names = "--single-transaction", description = "Run the whole pending set in one transaction: all of it"
            + " or nothing (refused when a migration cannot run in a transaction).")
    boolean singleTransaction;

    @Option(names = {"--rerun-modified", "--force"}, description = "Run applied migrations whose file changed"
            + " again, each in its own transaction: a new history row with the new checksum is added, the old one"
            + " stays. In a protected environment it needs confirmation (--yes --confirm DATABASE without a"
            + " terminal). Default: 'rerun_modified' in cairn.toml, else off.")
    boolean rerunModified;

    @Option(names = "--only", paramLabel = "VERSION|NAME", description = "Apply just this pending migration, named"
            + " by its version (003) or file name (003_add_users); a version below the newest applied one needs"
            + " --out-of-order.")
    String only;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    @Mixin
    ConfirmOptions confirm;

    @Option(names = "--backup", negatable = true, description = "Back up with pg_dump into backups/ first, only when"
            + " something is pending; if the backup fails nothing is applied. --no-backup skips it. Default: 'backup'"
            + " in cairn.toml, else on in protected environments (production, prod).")
    Boolean backup;

    @Mixin
    NotifyOptions notify;

    @Mixin
    dev.cairn.cli.FanoutOptions fanout;

    @Option(names = "--snapshot", paramLabel = "FILE", description = "After applying something, rewrite FILE with"
            + " the schema as Markdown (see cairn snapshot). Default: 'snapshot_after_migrate' in cairn.toml.")
    String snapshot;

    @Option(names = "--lint", description = "Before applying, lint the pending migrations on a scratch database"
            + " (as cairn lint does). Without it the static rules run, as 'lint' in cairn.toml says: warn (default),"
            + " error or off. An error-level finding refuses migrate (exit 4) with lint = \"error\" or in a protected"
            + " environment.")
    boolean lint;

    @Option(names = "--accept-risk", paramLabel = "RULE", description = "Apply even with error-level lint findings"
            + " of this rule (repeatable).")
    List<String> acceptRisk = new java.util.ArrayList<>();

    public MigrateCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        MigrateOptions base = new MigrateOptions(Optional.ofNullable(target).map(Reference::of), outOfOrder,
                singleTransaction);
        MigrateOptions chosen = only == null ? base : base.only(only);
        if (fanningOut(fanout)) {
            return fanOut(chosen);
        }
        if (dryRun) {
            Webhook.of(notify, settings(), context, console); // checked, so a rehearsal finds a bad URL; not told
            // A rehearsal of --rerun-modified lists the changed files as a real run would, asking nothing.
            MigrateOptions rehearsed = rerunWanted() ? chosen.rerunningModified(reruns -> true) : chosen;
            return withCairn(new Progress(console, true), cairn -> {
                DryRun d = dryRun(cairn, rehearsed);
                if (json) {
                    console.out(Json.write(Json.dryRun(d)));
                } else {
                    Text.dryRun(console, d);
                }
                return 0;
            });
        }
        Progress progress = new Progress(console, json);
        return withCairnNotifying("migrate", notify, event -> {
            progress.on(event);
            if (event instanceof Event.BackupWritten b) {
                backedUp(b.backup());
            }
        }, cairn -> {
            announceTarget(json);
            LintGate gate = new LintGate(dev.cairn.toml.LintSettings.of(settings().configFile(),
                    settings().environment()), lint, settings().protectedEnvironment(), acceptRisk, context);
            MigrateOptions opts = rerunWanted() ? chosen.rerunningModified(reruns -> approveRerun(reruns, cairn))
                    : chosen;
            MigrateResult r = gate.around(cairn, console, linted -> backupWanted()
                    ? backupThenMigrate(cairn, opts, linted) : linted.map(l -> cairn.migrate(opts, l))
                    .orElseGet(() -> cairn.migrate(opts)));
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
                    // The migrations are applied and committed: a snapshot that cannot be written is a
                    // warning, not a failed migrate.
                    try {
                        var m = cairn.snapshot(context.resolve(name));
                        String line = "wrote " + name + ": " + SnapshotCommand.summary(m);
                        if (json) {
                            console.err(line);
                        } else {
                            console.out(line);
                        }
                    } catch (dev.cairn.error.CairnException e) {
                        console.err("warning: " + e.getMessage() + " (the migrations above are applied)");
                    }
                });
            }
            return 0;
        });
    }

    /**
     * On every target of the fan-out. What needs one database's own handling (a dry run, a backup, a
     * snapshot, re-runs to confirm) is refused rather than done on some targets only.
     */
    private int fanOut(MigrateOptions opts) {
        String alone = dryRun ? "--dry-run" : snapshot != null ? "--snapshot" : rerunWanted() ? "--rerun-modified"
                : backupWanted() ? "--backup" : "";
        if (!alone.isEmpty()) {
            throw dev.cairn.error.CairnException.usage("fanout.options", alone + " runs on one database, not in a"
                    + " fan-out" + (alone.equals("--backup") && backup == null ? " (backups are on by default in"
                    + " the protected environment '" + settings().environment() + "': back the targets up by other"
                    + " means and pass --no-backup)" : "") + "; nothing was run");
        }
        return fanOut(fanout, "migrate", json, Optional.of(notify), Optional.empty(), true, cairn -> {
            MigrateResult r = cairn.migrate(opts);
            return dev.cairn.cli.fanout.Fanout.Outcome.ok(r.upToDate() ? "up to date"
                    : "applied " + r.applied().size() + " (batch " + r.batch() + ")");
        });
    }

    /** A dry run changes nothing whatever happens, so its refusals say what a real run would not apply. */
    private static DryRun dryRun(Cairn cairn, MigrateOptions opts) {
        try {
            return cairn.dryRun(opts);
        } catch (dev.cairn.error.CairnException e) {
            String m = e.getMessage();
            if (!m.contains("othing was applied")) {
                throw e;
            }
            throw new dev.cairn.error.CairnException(e.kind(), e.code(), m.replace("nothing was applied",
                    "nothing would be applied").replace("Nothing was applied", "Nothing would be applied")
                    + " (dry run: nothing was changed)", e);
        }
    }

    private boolean rerunWanted() {
        return rerunModified || settings().extra().rerunModified().orElse(false);
    }

    /** Re-runs are listed; in a protected environment they need the same confirmation as a rollback. */
    private boolean approveRerun(List<MigrateOptions.Rerun> reruns, Cairn cairn) {
        if (settings().protectedEnvironment()) {
            if (console.interactive()) {
                console.err("about to run again, as their files changed since they were applied:");
                reruns.forEach(r -> console.err("  " + r.script()));
            }
            new Confirmation(console, confirm, settings()).require("re-run " + reruns.size() + " changed "
                    + (reruns.size() == 1 ? "migration" : "migrations"), cairn.configuration().connection().database());
        }
        return true;
    }

    private Optional<String> snapshotFile() {
        return Optional.ofNullable(snapshot).or(() -> settings().extra().snapshotAfterMigrate());
    }

    private boolean backupWanted() {
        return backup != null ? backup : settings().extra().backup().orElse(settings().protectedEnvironment());
    }

    /** Backs up with the configured retention (7 days by default), then migrates. */
    private MigrateResult backupThenMigrate(Cairn cairn, MigrateOptions opts,
                                            Optional<dev.cairn.engine.MigrateLint> linted) {
        BackupRequest request = BackupRequest.to(context.resolve("backups")).withEnvironment(context.env());
        BackupRequest kept = settings().keepDays(Optional.empty())
                .map(days -> request.keeping(Duration.ofDays(days))).orElse(request);
        return linted.map(l -> cairn.migrate(opts, kept, l)).orElseGet(() -> cairn.migrate(opts, kept)).migrate();
    }

    /**
     * The backup is told when it is written, before the first migration runs; with --json on standard
     * error, so standard output stays one document.
     */
    private void backedUp(BackupResult b) {
        String line = "backed up " + b.database() + " to " + b.file() + " before migrating; restore with: "
                + BackupReport.restoreCommand(b.file(), settings().environment());
        if (json) {
            console.err(line);
        } else {
            console.out(line);
        }
        if (!b.deleted().isEmpty()) {
            String deleted = "  retention: deleted " + b.deleted().size() + " older backup"
                    + (b.deleted().size() == 1 ? "" : "s") + " of " + b.database() + ": " + b.deleted();
            if (json) {
                console.err(deleted);
            } else {
                console.out(deleted);
            }
        }
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
