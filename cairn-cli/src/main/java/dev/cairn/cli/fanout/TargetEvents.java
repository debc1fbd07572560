package dev.cairn.cli.fanout;

import dev.cairn.cli.Console;
import dev.cairn.cli.render.Json;
import dev.cairn.engine.Event;
import dev.cairn.engine.Listener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One target's events: collects what was applied or rolled back on it, and tells lock waits (and,
 * with {@code --log-format json}, every event with a {@code target} field). Per-migration lines are not
 * printed in text: targets run in parallel, and each gets one line when it finishes.
 */
final class TargetEvents implements Listener {

    private final Console console;
    private final String target;
    private final List<String> done = new ArrayList<>();

    TargetEvents(Console console, String target) {
        this.console = console;
        this.target = target;
    }

    @Override
    public void on(Event event) {
        if (event instanceof Event.MigrationApplied a) {
            done.add(a.applied().script());
        } else if (event instanceof Event.MigrationRolledBack r) {
            done.add(r.rolledBack().script());
        }
        if (console.jsonLog()) {
            Map<String, Object> line = Json.logEvent(event, Instant.now());
            line.put("target", target);
            console.err(Json.line(line));
        } else if (event instanceof Event.LockWaiting w) {
            console.err(target + ": waiting for the migration lock (" + w.waited().toSeconds() + "s), held by "
                    + w.holder().map(h -> h.describe()).orElse("a session that has just ended"));
        }
    }

    /** The scripts applied or rolled back so far. */
    List<String> done() {
        return List.copyOf(done);
    }
}
