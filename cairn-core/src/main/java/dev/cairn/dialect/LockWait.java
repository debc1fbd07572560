package dev.cairn.dialect;

import dev.cairn.error.CairnException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * One wait for the migration lock, across lock modes: its deadline ({@code --lock-timeout}, counted
 * from the start of the whole wait, however often the lock is taken and let go meanwhile), and who is
 * told who holds it, every three seconds. Every loop that waits for the lock asks {@link #expired()}.
 */
public final class LockWait {

    /** How often a waiting runner tries again. */
    public static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(3);

    /** Asks the server who holds the lock. */
    @FunctionalInterface
    public interface HolderQuery {
        Optional<LockHolder> holder() throws SQLException;
    }

    /** What a wait that ran out says, read from the server when it does (who holds the lock now). */
    @FunctionalInterface
    public interface Timeout {
        CairnException exception() throws SQLException;
    }

    private final Duration timeout;
    private final LockWatcher watcher;
    private final long start = System.nanoTime();
    private Duration nextReport = REPORT_EVERY;

    public LockWait(Duration timeout, LockWatcher watcher) {
        this.timeout = timeout.isNegative() ? Duration.ZERO : timeout;
        this.watcher = watcher;
    }

    /** Since the wait began. */
    public Duration waited() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Whether the configured timeout has passed: the caller stops waiting and reports a timeout. */
    public boolean expired() {
        return waited().compareTo(timeout) >= 0;
    }

    /** The configured timeout as the user wrote it, for messages: {@code 5s}, {@code 1500ms}, {@code 5m}. */
    public String timeoutText() {
        long ms = timeout.toMillis();
        if (ms >= 60_000 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /**
     * Tells the watcher who holds the lock when three seconds have passed since the last report (the
     * server is asked only then); never more often, whichever lock mode the runner is waiting on.
     */
    public void report(HolderQuery query) throws SQLException {
        Duration waited = waited();
        if (waited.compareTo(nextReport) < 0) {
            return;
        }
        while (nextReport.compareTo(waited) <= 0) {
            nextReport = nextReport.plus(REPORT_EVERY);
        }
        watcher.waiting(query.holder(), waited);
    }

    /**
     * The step of every lock-polling loop after a try that did not get the lock: once the deadline has
     * passed, throws what {@code timeout} says; otherwise tells who holds the lock (see {@link #report})
     * and sleeps {@code poll} before the next try.
     */
    public void retry(Duration poll, HolderQuery holder, Timeout timeout) throws SQLException {
        if (expired()) {
            throw timeout.exception();
        }
        report(holder);
        pause(poll);
    }

    /** Sleeps {@code d}, or less when the deadline comes sooner. */
    public void pause(Duration d) {
        Duration left = timeout.minus(waited());
        long ms = Math.max(1, Math.min(d.toMillis(), left.toMillis()));
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CairnException.failed("lock.interrupted", "interrupted while waiting for the migration lock", e);
        }
    }
}
