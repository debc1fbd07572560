package dev.cairn.maven;

import dev.cairn.engine.Event;
import dev.cairn.engine.Listener;
import org.apache.maven.plugin.logging.Log;

/** Progress on Maven's log, one line an event, as the CLI prints it. */
final class MavenListener implements Listener {

    private final Log log;

    MavenListener(Log log) {
        this.log = log;
    }

    @Override
    public void on(Event event) {
        if (event instanceof Event.LockWaiting w) {
            log.info("waiting for the migration lock (" + w.waited().toSeconds() + "s), held by "
                    + w.holder().map(h -> h.describe()).orElse("a session that has just ended"));
        } else if (event instanceof Event.LockRetrying r) {
            log.warn(r.script() + " timed out waiting for a lock held by " + (r.blockers().isEmpty() ? "a session not seen"
                    : String.join("; ", r.blockers().stream().map(dev.cairn.dialect.Blocker::describe).toList()))
                    + "; rolled back, retry " + r.attempt() + " of " + r.retries() + " in " + r.backOff().toMillis() + "ms");
        } else if (event instanceof Event.LockModeChosen c) {
            log.info(MavenHost.HOST.render(c.reason()));
        } else if (event instanceof Event.HistoryCreated h) {
            log.info("created history table " + h.table());
        } else if (event instanceof Event.MigrationStarting s) {
            log.debug("applying " + s.script() + (s.transactional() ? "" : " (no transaction: "
                    + s.noTransactionReason() + ")"));
        } else if (event instanceof Event.MigrationApplied a) {
            log.info("applied " + a.applied().script() + " (" + a.applied().duration().toMillis() + " ms)");
        } else if (event instanceof Event.SeedApplied s) {
            log.info("seeded " + s.name() + " (" + s.duration().toMillis() + " ms)");
        } else if (event instanceof Event.MigrationRolledBack r) {
            log.info("rolled back " + r.rolledBack().script() + " (" + r.rolledBack().duration().toMillis() + " ms)");
        }
    }
}
