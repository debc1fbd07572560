package dev.cairn.cli.render;

import dev.cairn.cli.Console;
import dev.cairn.engine.Event;
import dev.cairn.engine.Listener;

/** Renders events as they happen: one line per migration, lock waits on standard error. */
public final class Progress implements Listener {

    private final Console console;
    private final boolean quiet;

    /** With {@code quiet} (JSON output), only lock waits are told, on standard error. */
    public Progress(Console console, boolean quiet) {
        this.console = console;
        this.quiet = quiet;
    }

    @Override
    public void on(Event event) {
        if (console.jsonLog()) {
            console.err(Json.line(Json.logEvent(event, java.time.Instant.now())));
        }
        if (event instanceof Event.LockWaiting w) {
            if (console.jsonLog()) {
                return;
            }
            console.err("waiting for the migration lock (" + w.waited().toSeconds() + "s), held by "
                    + w.holder().map(h -> h.describe()).orElse("a session that has just ended"));
            return;
        }
        if (quiet) {
            return;
        }
        if (event instanceof Event.HistoryCreated h) {
            console.out("created history table " + h.table());
        } else if (event instanceof Event.MigrationApplied a) {
            var m = a.applied();
            console.out("  " + console.good(m.rerun() ? "re-applied" : "applied") + " " + m.script() + "  "
                    + Text.millis(m.duration())
                    + (m.transactional() ? "" : "  (without a transaction: " + m.noTransactionReason() + ")")
                    + (m.rerun() ? "  (changed since it was applied; the earlier history row stays)" : ""));
        } else if (event instanceof Event.MigrationRolledBack r) {
            var b = r.rolledBack();
            console.out("  " + console.warn("rolled back") + " " + b.script() + "  " + Text.millis(b.duration())
                    + ("history".equals(b.downSource()) ? "  (down SQL stored at apply time)" : ""));
        }
    }
}
