package dev.cairn.engine;

import dev.cairn.error.CairnException;
import java.util.Optional;

/**
 * {@code migrate} with a backup first. The backup is taken only when something is pending: an
 * up-to-date run changes nothing, and a deploy that runs {@code migrate} on every release would
 * otherwise fill the disk with identical dumps. The pending set is read (and every pending script
 * split) before the backup, so bad files fail fast; if the backup fails, nothing is applied. The
 * backup is told ({@link Event.BackupWritten}) before the first migration starts.
 */
public final class BackupThenMigrate {

    /** The backup, when one was taken, and what {@code migrate} did. */
    public record Result(Optional<BackupResult> backup, MigrateResult migrate) {
    }

    private final Migrate migrate;
    private final Backup backup;
    private final Listener listener;

    public BackupThenMigrate(Migrate migrate, Backup backup, Listener listener) {
        this.migrate = migrate;
        this.backup = backup;
        this.listener = listener;
    }

    /** The plan, the lint asked for (before the backup) and the migration run on one session. */
    public Result run(MigrateOptions options, BackupRequest request) {
        try (Session db = migrate.open()) {
            Migrate linted = migrate.lintFirst(db);
            if (linted.dryRun(db, options).migrations().isEmpty()) {
                return new Result(Optional.empty(), linted.run(db, options));
            }
            BackupResult b;
            try {
                b = backup.run(request);
            } catch (CairnException e) {
                throw new CairnException(e.kind() == CairnException.Kind.USAGE ? e.kind() : CairnException.Kind.FAILED,
                        "migrate.backup-failed", "the backup before migrating failed, so no migration was applied: "
                        + e.getMessage(), e);
            }
            listener.on(new Event.BackupWritten(b));
            return new Result(Optional.of(b), linted.run(db, options));
        }
    }
}
