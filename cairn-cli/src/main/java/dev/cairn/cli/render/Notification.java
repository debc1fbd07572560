package dev.cairn.cli.render;

import dev.cairn.Cairn;
import dev.cairn.cli.Console;
import dev.cairn.engine.Event;
import dev.cairn.engine.Listener;
import dev.cairn.engine.MigrationException;
import dev.cairn.error.CairnException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document a webhook receives after a run: a Slack-compatible {@code text} line and the same
 * facts as fields. It listens to the run (passing every event on to {@code inner}) to know what was
 * applied or rolled back, also when the run fails half-way.
 */
public final class Notification implements Listener {

    /** What every document names: the command, where it ran, and the machine. */
    public record Run(String command, String database, String target, String environment, String host) {
    }

    private final Listener inner;
    private final List<Map<String, Object>> done = new ArrayList<>();
    private int batch;

    public Notification(Listener inner) {
        this.inner = inner;
    }

    @Override
    public void on(Event event) {
        inner.on(event);
        if (event instanceof Event.MigrationApplied a) {
            done.add(Json.map("version", a.applied().version(), "script", a.applied().script()));
            batch = a.applied().batch();
        } else if (event instanceof Event.MigrationRolledBack r) {
            done.add(Json.map("version", r.rolledBack().version(), "script", r.rolledBack().script()));
            batch = r.rolledBack().batch();
        }
    }

    /** The document for a run that ended with exit code 0. */
    public Map<String, Object> succeeded(Run run, Duration took) {
        String what = done.isEmpty()
                ? (run.command().equals("rollback") ? "nothing to roll back (" : "up to date, nothing applied (")
                : verb(run) + " " + done.size() + (done.size() == 1 ? " migration: " : " migrations: ") + scripts()
                + " (batch " + batch + ", ";
        return document(run, true, what + took.toMillis() + " ms)", Map.of(), took);
    }

    /** The document for a run that ended with an error; its message passes through the console's redaction. */
    public Map<String, Object> failed(Run run, RuntimeException error, Console console, Duration took) {
        String message = console.redact(error.getMessage() == null ? error.getClass().getSimpleName()
                : CliHost.message(error));
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("message", message);
        failure.put("code", error instanceof CairnException c ? c.code() : "unexpected");
        failure.put("exitCode", error instanceof CairnException c ? c.exitCode() : 1);
        failure.put("version", null);
        failure.put("file", null);
        failure.put("line", null);
        failure.put("sqlstate", null);
        String what = firstLine(message);
        if (error instanceof MigrationException m && m.failure() != null) {
            var f = m.failure();
            String file = console.redact(f.file());
            failure.put("version", f.version());
            failure.put("file", file);
            failure.put("line", f.line());
            failure.put("sqlstate", f.error().sqlState().isEmpty() ? null : f.error().sqlState());
            what = file + ":" + f.line() + ": " + console.redact(f.error().describe());
        }
        if (!done.isEmpty()) {
            what += "; " + verb(run) + " before it: " + scripts();
        }
        return document(run, false, what, failure, took);
    }

    private Map<String, Object> document(Run run, boolean ok, String what, Map<String, Object> failure,
                                         Duration took) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text", "cairn " + run.command() + (ok ? " succeeded" : " FAILED") + " on "
                + (run.database().isEmpty() ? "the database" : run.database())
                + (run.environment().isEmpty() ? "" : " (" + run.environment() + ")") + ": " + clip(what));
        doc.put("event", run.command() + (ok ? ".succeeded" : ".failed"));
        doc.put("database", run.database().isEmpty() ? null : run.database());
        doc.put("target", run.target().isEmpty() ? null : run.target());
        doc.put("env", run.environment().isEmpty() ? null : run.environment());
        doc.put("batch", batch == 0 ? null : batch);
        doc.put("applied", List.copyOf(done));
        doc.put("failure", ok ? null : failure);
        doc.put("durationMs", took.toMillis());
        doc.put("host", run.host());
        doc.put("cairnVersion", Cairn.VERSION);
        return doc;
    }

    private static String verb(Run run) {
        return run.command().equals("rollback") ? "rolled back" : "applied";
    }

    private String scripts() {
        List<String> names = done.stream().map(d -> (String) d.get("script")).toList();
        return names.size() <= 10 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 10)) + " and " + (names.size() - 10) + " more";
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    /** One line of readable length: chat clients fold the rest away anyway. */
    private static String clip(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 500 ? one : one.substring(0, 497) + "...";
    }
}
