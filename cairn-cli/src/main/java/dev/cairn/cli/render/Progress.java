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

    /** Runs of more than this many migrations show a progress line on a terminal. */
    static final int PROGRESS_ABOVE = 3;

    private java.util.List<String> scripts = java.util.List.of();
    private int done;
    private long started;

    @Override
    public void on(Event event) {
        if (event instanceof Event.RunStarting r) {
            startProgress(r.scripts());
            return;
        }
        if (event instanceof Event.MigrationApplied || event instanceof Event.MigrationRolledBack) {
            advance();
        }
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
        if (event instanceof Event.LockModeChosen c) {
            if (!console.jsonLog()) {
                console.err("note: " + CliHost.HOST.render(c.reason()));
            }
            return;
        }
        if (event instanceof Event.LockRetrying r) {
            if (!console.jsonLog()) {
                console.err(console.warn("lock wait") + ": " + Json.lockRetry(r));
            }
            return;
        }
        if (event instanceof Event.DownComputed d) {
            // Per migration only: a run of many migrations without downs (a first deploy) is not worth a line.
            if (!d.stored() && !d.version().isEmpty() && !console.jsonLog()) {
                console.err("note: " + Json.downComputed(d));
            }
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
                    + switch (b.downSource()) {
                        case "history" -> "  (down SQL stored at apply time)";
                        case "empty" -> "  (empty down: nothing undone)";
                        case "computed" -> "  (down computed at apply time)";
                        default -> "";
                    });
        }
        if (!scripts.isEmpty() && done >= scripts.size()) {
            console.endStatus();
            scripts = java.util.List.of();
        }
    }

    /**
     * On a terminal, without JSON, a run of more than {@link #PROGRESS_ABOVE} migrations shows
     * {@code [n/N] script, elapsed} on standard error, rewritten in place; the plain lines stay as they are.
     */
    private void startProgress(java.util.List<String> run) {
        if (quiet || console.jsonLog() || !console.interactive() || run.size() <= PROGRESS_ABOVE) {
            return;
        }
        scripts = run;
        done = 0;
        started = System.nanoTime();
        console.status(this::progressLine);
    }

    private synchronized void advance() {
        done++;
    }

    private synchronized String progressLine() {
        int n = Math.min(done, scripts.size() - 1);
        long s = java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds();
        return "[" + (n + 1) + "/" + scripts.size() + "] " + scripts.get(n) + ", "
                + (s < 60 ? s + "s" : s / 60 + "m" + String.format("%02d", s % 60) + "s");
    }
}
