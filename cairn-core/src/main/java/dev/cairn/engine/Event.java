package dev.cairn.engine;

import dev.cairn.dialect.LockHolder;
import java.time.Duration;
import java.util.Optional;

/** Progress of an operation, as it happens. The engine never prints; listeners render these. */
public sealed interface Event {

    /** Another runner holds the lock; told every few seconds while waiting. */
    record LockWaiting(Optional<LockHolder> holder, Duration waited) implements Event {
    }

    /**
     * A run is about to apply (or roll back) these scripts, in this order: what a progress display
     * counts against. Told once, after the run's checks and confirmation, before the first one.
     */
    record RunStarting(java.util.List<String> scripts) implements Event {
        public RunStarting {
            scripts = java.util.List.copyOf(scripts);
        }
    }

    /**
     * The lock mode was not set and the server called for another than the default: {@code mode} is
     * the one used ({@code table}), {@code reason} says which engine was detected and why.
     */
    record LockModeChosen(String mode, String reason) implements Event {
    }

    /** The history table did not exist and was created. */
    record HistoryCreated(String table) implements Event {
    }

    /** A migration is about to run; {@code noTransactionReason} is empty text when it runs in a transaction. */
    record MigrationStarting(String version, String script, boolean transactional, String noTransactionReason)
            implements Event {
    }

    /**
     * A transactional migration's statement waited the whole lock timeout for a lock that other
     * sessions hold ({@code blockers}, empty when none was seen): the migration was rolled back and
     * runs again, retry {@code attempt} of {@code retries}, after {@code backOff}.
     */
    record LockRetrying(String version, String script, int attempt, int retries, Duration lockTimeout,
                        java.util.List<dev.cairn.dialect.Blocker> blockers, Duration backOff) implements Event {
        public LockRetrying {
            blockers = java.util.List.copyOf(blockers);
        }
    }

    /** A migration was applied and recorded. */
    record MigrationApplied(Applied applied) implements Event {
    }

    /**
     * A down script was computed for migration {@code version} (it had none) and {@code stored} in its history
     * row, or not, {@code why} saying why; with an empty {@code version}, the run computed none at all.
     */
    record DownComputed(String version, String script, boolean stored, String why) implements Event {
    }

    /** A seed file was run and recorded. */
    record SeedApplied(String name, Duration duration) implements Event {
    }

    /** The backup {@code migrate --backup} takes was written; the migrations start after this. */
    record BackupWritten(BackupResult backup) implements Event {
    }

    /** A migration was rolled back and its row marked ROLLED_BACK. */
    record MigrationRolledBack(RolledBack rolledBack) implements Event {
    }
}
