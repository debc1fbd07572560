package dev.cairn.engine;

import dev.cairn.dialect.Blocker;
import dev.cairn.dialect.Sessions;
import dev.cairn.error.CairnException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lock-wait guard of one migration. Its statements run with the session's lock timeout
 * ({@code lock_timeout}); while they run, a watch session of their own ({@link Session#watchConnection},
 * opened at the first look) asks the server every quarter of that timeout (at most 250 ms) which
 * sessions they wait behind. When a transactional migration gives up
 * waiting for a lock, it is rolled back, the wait is reported with those sessions, and it runs
 * again after a back-off (the lock timeout, at most 1 s, doubling up to 30 s), up to the configured
 * number of retries. A migration without a transaction is never run again: what it committed stays.
 */
final class LockGuard {

    private static final Duration MAX_SAMPLE = Duration.ofMillis(250);
    private static final Duration MIN_SAMPLE = Duration.ofMillis(20);
    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);

    /** One daemon thread for every run in this JVM, gone when idle. */
    private static final ScheduledThreadPoolExecutor SAMPLER = sampler();

    private final Session db;
    private final Listener listener;
    private int attempt;
    private OptionalInt sessionId;
    private boolean warmed;

    LockGuard(Session db, Listener listener) {
        this.db = db;
        this.listener = listener;
    }

    /** A migration to run again: it timed out waiting for a lock and was rolled back. */
    static final class Retry extends RuntimeException {
        final String version;
        final String script;
        final transient List<Blocker> blockers;

        Retry(String version, String script, List<Blocker> blockers) {
            super(null, null, false, false);
            this.version = version;
            this.script = script;
            this.blockers = blockers;
        }
    }

    /** Whether this is a retry (the migration ran before in this run and was rolled back). */
    boolean retrying() {
        return attempt > 0;
    }

    /** Starts watching the working session's lock waits, for one run of the migration's statements. */
    Watch watch() {
        OptionalInt pid = sessionId();
        Watch w = new Watch(null);
        if (pid.isEmpty()) {
            return w;
        }
        long every = sampleEvery().toMillis();
        int id = pid.getAsInt();
        Session database = db;
        if (!warmed) {
            // The watch session opens off this thread, so that it is there for the first look.
            warmed = true;
            SAMPLER.execute(database::watchConnection);
        }
        w.task = SAMPLER.scheduleWithFixedDelay(() -> w.sample(database, id), every, every, TimeUnit.MILLISECONDS);
        return w;
    }

    /**
     * After a failed statement of a transactional migration, rolled back: throws {@link Retry} when it
     * failed waiting for a lock and retries are left.
     */
    void retryOnLockTimeout(dev.cairn.migration.Migration m, Runner.StatementFailure f, Watch watch) {
        if (attempt < db.config.lockRetries() && db.dialect.lockNotAvailable(f.cause)) {
            throw new Retry(m.version().text(), m.script(), watch.seen());
        }
    }

    /** Tells the listener about the wait, then sleeps the back-off before the next attempt. */
    void backOff(Retry r) {
        attempt++;
        Duration pause = backOffFor(attempt);
        listener.on(new Event.LockRetrying(r.version, r.script, attempt, db.config.lockRetries(), lockTimeout(),
                r.blockers, pause));
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CairnException.failed("migrate.interrupted", "interrupted while waiting to run " + r.version
                    + " again; nothing of it was applied", e);
        }
    }

    /**
     * The failure of the last attempt, with the sessions its statement waited behind and what was
     * tried, when it failed waiting for a lock; otherwise {@code e} as it is.
     */
    MigrationException named(MigrationException e, Runner.StatementFailure f, Watch watch, boolean transactional) {
        if (!db.dialect.lockNotAvailable(f.cause)) {
            return e;
        }
        List<Blocker> seen = watch.seen();
        String who = seen.isEmpty() ? "\n  waited for a lock; the session holding it was not seen (the lock watch"
                + " did not look in time)"
                : "\n  waited for a lock held by " + String.join("; ", seen.stream().map(Blocker::describe).toList());
        String tried = !transactional ? "\n  not retried: it runs without a transaction, so its statements commit"
                + " one by one and running it again is not safe"
                : attempt == 0 ? "" : "\n  tried " + (attempt + 1) + " times, waiting up to lock_timeout "
                + text(lockTimeout()) + " each time, with back-off between";
        String m = e.template();
        int nl = m.indexOf('\n');
        String message = nl < 0 ? m + who + tried : m.substring(0, nl) + who + tried + m.substring(nl);
        return new MigrationException(e.failure(), message, e.getCause());
    }

    /** The back-off before retry {@code n} (1-based): the lock timeout, at most 1 s, doubled each time, at most 30 s. */
    Duration backOffFor(int n) {
        Duration timeout = lockTimeout();
        Duration first = timeout.isZero() || timeout.compareTo(FIRST_BACK_OFF) > 0 ? FIRST_BACK_OFF : timeout;
        Duration d = first.multipliedBy(1L << Math.min(n - 1, 10));
        return d.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : d;
    }

    private Duration lockTimeout() {
        return db.config.sessionTimeouts().lockTimeout().orElse(Duration.ZERO);
    }

    private Duration sampleEvery() {
        Duration quarter = lockTimeout().dividedBy(4);
        if (quarter.isZero() || quarter.compareTo(MAX_SAMPLE) > 0) {
            return MAX_SAMPLE;
        }
        return quarter.compareTo(MIN_SAMPLE) < 0 ? MIN_SAMPLE : quarter;
    }

    private OptionalInt sessionId() {
        if (sessionId == null) {
            try {
                Optional<Sessions> sessions = db.dialect.capability(Sessions.class);
                sessionId = sessions.isEmpty() ? OptionalInt.empty() : sessions.get().sessionId(db.connection);
            } catch (SQLException e) {
                sessionId = OptionalInt.empty();
            }
        }
        return sessionId;
    }

    private static String text(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static ScheduledThreadPoolExecutor sampler() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cairn-lock-watch");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        e.setKeepAliveTime(2, TimeUnit.SECONDS);
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    /** The sessions seen blocking one run of the statements: the last non-empty answer. */
    static final class Watch implements AutoCloseable {
        private final AtomicReference<List<Blocker>> seen = new AtomicReference<>(List.of());
        private ScheduledFuture<?> task;

        private Watch(ScheduledFuture<?> task) {
            this.task = task;
        }

        private void sample(Session database, int pid) {
            try {
                Optional<Connection> watcher = database.watchConnection();
                if (watcher.isEmpty()) {
                    return;
                }
                List<Blocker> now = database.dialect.require(Sessions.class, "naming blockers").blockers(watcher.get(), pid);
                if (!now.isEmpty()) {
                    seen.set(List.copyOf(now));
                }
            } catch (SQLException | RuntimeException e) {
                // The watch session is gone: the failure, if any, says the blocker was not seen.
            }
        }

        List<Blocker> seen() {
            return seen.get();
        }

        @Override
        public void close() {
            if (task != null) {
                task.cancel(false);
            }
        }
    }
}
