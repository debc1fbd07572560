package dev.cairn.spring.boot;

import dev.cairn.engine.Event;
import dev.cairn.engine.Listener;
import org.apache.commons.logging.Log;

/** Cairn's progress on the application's log, one line an event, worded as the CLI words it. */
final class LogListener implements Listener {

    private final Log log;

    LogListener(Log log) {
        this.log = log;
    }

    @Override
    public void on(Event event) {
        if (event instanceof Event.LockWaiting w) {
            log.info("cairn: waiting for the migration lock (" + w.waited().toSeconds() + "s), held by "
                    + w.holder().map(h -> h.describe()).orElse("a session that has just ended"));
        } else if (event instanceof Event.LockModeChosen c) {
            log.info("cairn: " + SpringHost.HOST.render(c.reason()));
        } else if (event instanceof Event.HistoryCreated h) {
            log.info("cairn: created history table " + h.table());
        } else if (event instanceof Event.MigrationApplied a) {
            log.info("cairn: " + (a.applied().rerun() ? "re-applied " : "applied ") + a.applied().script() + " in "
                    + a.applied().duration().toMillis() + " ms");
        }
    }
}
