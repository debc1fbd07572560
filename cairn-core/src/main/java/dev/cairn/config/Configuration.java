package dev.cairn.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything Cairn needs to run, validated once and frozen. Built by {@code Cairn.configure()};
 * every default lives in {@link Defaults}.
 *
 * @param connection         where the database is
 * @param locations          the migrations directories, read in order
 * @param table              the history table, optionally schema-qualified
 * @param lockTimeout        how long to wait for another runner's lock
 * @param ignore             globs of files in the directories that are not migrations
 * @param migrationSettings  per-migration settings by version, such as {@code transaction = false}
 * @param sessionTimeouts    {@code lock_timeout} / {@code statement_timeout} for migration statements
 * @param outOfOrder         whether a pending version below the newest applied may run
 * @param lockMode           how runners are kept apart: an advisory lock, or a lease row in {@code <table>_lock}
 * @param leaseTtl           how long a lease lasts without renewal (table mode); renewed every third of it
 * @param lockRetries        how often a transactional migration whose statement timed out waiting for a table
 *                           lock ({@code lock_timeout}) is rolled back and run again, with back-off; 0 never
 * @param lockModeChosen     whether {@code lockMode} was set rather than defaulted: when it was not, a
 *                           distributed engine (CockroachDB, YugabyteDB, Citus) gets the lease lock
 * @param preloaded          migration files already read (a fan-out reads them once for every target); empty to
 *                           read {@code locations} at each operation
 * @param computedDowns      whether {@code migrate} computes a down for a migration that has none, from the
 *                           schema before and after it, and stores it in the history for {@code rollback}
 */
public record Configuration(ConnectionSource connection, List<Path> locations, TableName table, Duration lockTimeout,
                            List<String> ignore, Map<String, MigrationSettings> migrationSettings,
                            SessionTimeouts sessionTimeouts, boolean outOfOrder, LockMode lockMode,
                            Duration leaseTtl, int lockRetries, boolean lockModeChosen,
                            Optional<FilesRead> preloaded, boolean computedDowns) {

    public Configuration {
        Objects.requireNonNull(preloaded, "preloaded");
        Objects.requireNonNull(connection, "connection");
        locations = List.copyOf(locations);
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        ignore = List.copyOf(ignore);
        migrationSettings = Map.copyOf(migrationSettings);
        Objects.requireNonNull(sessionTimeouts, "sessionTimeouts");
        Objects.requireNonNull(lockMode, "lockMode");
        if (leaseTtl.compareTo(Defaults.LEASE_TTL_MIN) < 0) {
            throw dev.cairn.error.CairnException.usage("config.lease-ttl", "lease TTL must be at least "
                    + Defaults.LEASE_TTL_MIN.toSeconds() + "s (the heartbeat renews the lease every third of it), got "
                    + leaseTtl.toMillis() + "ms");
        }
        if (lockRetries < 0) {
            throw dev.cairn.error.CairnException.usage("config.lock-retries", "lock retries must be 0 or more, got "
                    + lockRetries);
        }
        if (lockTimeout.isNegative()) {
            throw dev.cairn.error.CairnException.usage("config.lock-timeout", "lock timeout must not be negative");
        }
    }

    /** A configuration that computes downs ({@link Defaults#COMPUTED_DOWNS}). */
    public Configuration(ConnectionSource connection, List<Path> locations, TableName table, Duration lockTimeout,
                         List<String> ignore, Map<String, MigrationSettings> migrationSettings,
                         SessionTimeouts sessionTimeouts, boolean outOfOrder, LockMode lockMode, Duration leaseTtl,
                         int lockRetries, boolean lockModeChosen, Optional<FilesRead> preloaded) {
        this(connection, locations, table, lockTimeout, ignore, migrationSettings, sessionTimeouts, outOfOrder,
                lockMode, leaseTtl, lockRetries, lockModeChosen, preloaded, Defaults.COMPUTED_DOWNS);
    }

    /** A configuration whose lock mode counts as chosen (as it was before engines were detected). */
    public Configuration(ConnectionSource connection, List<Path> locations, TableName table, Duration lockTimeout,
                         List<String> ignore, Map<String, MigrationSettings> migrationSettings,
                         SessionTimeouts sessionTimeouts, boolean outOfOrder, LockMode lockMode, Duration leaseTtl) {
        this(connection, locations, table, lockTimeout, ignore, migrationSettings, sessionTimeouts, outOfOrder,
                lockMode, leaseTtl, Defaults.LOCK_RETRIES, true);
    }

    /** A configuration that reads its migration files at each operation. */
    public Configuration(ConnectionSource connection, List<Path> locations, TableName table, Duration lockTimeout,
                         List<String> ignore, Map<String, MigrationSettings> migrationSettings,
                         SessionTimeouts sessionTimeouts, boolean outOfOrder, LockMode lockMode, Duration leaseTtl,
                         int lockRetries, boolean lockModeChosen) {
        this(connection, locations, table, lockTimeout, ignore, migrationSettings, sessionTimeouts, outOfOrder,
                lockMode, leaseTtl, lockRetries, lockModeChosen, Optional.empty());
    }

    /** The same configuration with another lock timeout (what is left of it, while waiting). */
    public Configuration withLockTimeout(Duration timeout) {
        return new Configuration(connection, locations, table, timeout.isNegative() ? Duration.ZERO : timeout, ignore,
                migrationSettings, sessionTimeouts, outOfOrder, lockMode, leaseTtl, lockRetries, lockModeChosen,
                preloaded, computedDowns);
    }

    /** Every default in one place. */
    public static final class Defaults {
        public static final String TABLE = "cairn_history";
        public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);
        public static final List<String> IGNORE = List.of("COMBINED_*", "*deprecated*");
        public static final LockMode LOCK_MODE = LockMode.ADVISORY;
        /** A dead runner's lease is taken over at most this long after its last renewal. */
        public static final Duration LEASE_TTL = Duration.ofSeconds(30);
        public static final Duration LEASE_TTL_MIN = Duration.ofSeconds(1);
        /**
         * PostgreSQL {@code lock_timeout} for migration statements: a migration that waits for a table
         * lock longer than this gives up instead of queueing every later query on that table behind it.
         */
        public static final Duration SQL_LOCK_TIMEOUT = Duration.ofSeconds(5);
        /** How often a transactional migration that timed out waiting for a lock is run again. */
        public static final int LOCK_RETRIES = 3;
        /** Whether {@code migrate} computes downs for migrations without one. */
        public static final boolean COMPUTED_DOWNS = true;

        private Defaults() {
        }
    }

    /**
     * Server timeouts for the statements of migrations: a migration waiting on a busy table can
     * fail fast instead of queueing every other query behind it.
     */
    public record SessionTimeouts(Optional<Duration> lockTimeout, Optional<Duration> statementTimeout) {
        public static SessionTimeouts none() {
            return new SessionTimeouts(Optional.empty(), Optional.empty());
        }
    }
}
