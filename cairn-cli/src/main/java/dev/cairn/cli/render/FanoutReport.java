package dev.cairn.cli.render;

import dev.cairn.Cairn;
import dev.cairn.cli.fanout.TargetResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fan-out's output: a line per target as it finishes, the summary, the failures again, and its JSON. */
public final class FanoutReport {

    private FanoutReport() {
    }

    /** {@code ok      user@host:5432/db  applied 3  41 ms}. */
    public static String line(TargetResult r) {
        String status = switch (r.status()) {
            case OK -> "ok     ";
            case FAILED -> "FAILED ";
            case SKIPPED -> "skipped";
        };
        return "  " + status + " " + r.target().label() + "  " + r.detail()
                + (r.status() == TargetResult.Status.SKIPPED ? "" : "  " + Text.millis(r.duration()));
    }

    /** {@code migrate on 50 targets: 48 ok, 2 failed, 0 skipped in 3.2 s}. */
    public static String summary(String command, List<TargetResult> results, Duration took) {
        return command + " on " + results.size() + (results.size() == 1 ? " target: " : " targets: ")
                + count(results, TargetResult.Status.OK) + " ok, " + count(results, TargetResult.Status.FAILED)
                + " failed, " + count(results, TargetResult.Status.SKIPPED) + " skipped in " + Text.millis(took);
    }

    /** The failures with their full messages, indented under each target; empty when none failed. */
    public static List<String> failures(List<TargetResult> results) {
        List<String> lines = new ArrayList<>();
        for (TargetResult r : results) {
            if (r.status() == TargetResult.Status.FAILED) {
                lines.add("failed: " + r.target().label() + " (exit " + r.exitCode() + ")");
                r.error().lines().forEach(l -> lines.add("  " + l));
            }
        }
        return lines;
    }

    /** {@code {"targets":[{"target","status","applied","durationMs","error",...}],"summary":{"ok","failed","skipped"}}}. */
    public static Map<String, Object> json(List<TargetResult> results, Duration took) {
        List<Object> targets = new ArrayList<>();
        for (TargetResult r : results) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("target", r.target().label());
            t.put("schema", r.target().schema().orElse(null));
            t.put("status", r.status().label());
            t.put("applied", r.applied());
            t.put("durationMs", r.duration().toMillis());
            t.put("error", r.error().isEmpty() ? null : r.error());
            t.put("exitCode", r.exitCode());
            t.put("detail", r.detail());
            targets.add(t);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("targets", targets);
        doc.put("summary", Json.map("ok", count(results, TargetResult.Status.OK),
                "failed", count(results, TargetResult.Status.FAILED),
                "skipped", count(results, TargetResult.Status.SKIPPED), "durationMs", took.toMillis()));
        return doc;
    }

    /**
     * The one webhook document of a fan-out: a Slack-compatible {@code text}, the fields of a single
     * run's document ({@code applied} and {@code failure} per target) and the summary.
     */
    public static Map<String, Object> notification(String command, String environment, String host,
                                                   List<TargetResult> results, Duration took) {
        long failed = count(results, TargetResult.Status.FAILED);
        List<Object> applied = new ArrayList<>();
        List<Object> failures = new ArrayList<>();
        for (TargetResult r : results) {
            r.applied().forEach(s -> applied.add(Json.map("target", r.target().label(), "script", s)));
            if (r.status() == TargetResult.Status.FAILED) {
                failures.add(Json.map("target", r.target().label(), "exitCode", r.exitCode(), "message", r.error()));
            }
        }
        String text = "cairn " + command + (failed == 0 ? " succeeded" : " FAILED") + " on " + results.size()
                + " targets" + (environment.isEmpty() ? "" : " (" + environment + ")") + ": "
                + count(results, TargetResult.Status.OK) + " ok, " + failed + " failed, "
                + count(results, TargetResult.Status.SKIPPED) + " skipped, " + applied.size() + " "
                + (command.equals("rollback") ? "rolled back" : "applied") + " in " + took.toMillis() + " ms"
                + results.stream().filter(r -> r.status() == TargetResult.Status.FAILED).findFirst()
                .map(r -> "; first failure " + r.target().label() + ": " + r.detail()).orElse("");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text", text.length() <= 500 ? text : text.substring(0, 497) + "...");
        doc.put("event", command + (failed == 0 ? ".succeeded" : ".failed"));
        doc.put("database", null);
        doc.put("env", environment.isEmpty() ? null : environment);
        doc.put("batch", null);
        doc.put("applied", applied);
        doc.put("failure", failures.isEmpty() ? null : Json.map("targets", failures));
        doc.put("durationMs", took.toMillis());
        doc.put("host", host);
        doc.put("cairnVersion", Cairn.VERSION);
        doc.put("summary", json(results, took).get("summary"));
        return doc;
    }

    /**
     * The webhook document of a fan-out refused before any target ran: the same fields, no target's
     * results, and the refusal as {@code failure}.
     */
    public static Map<String, Object> notRun(String command, String environment, String host, String code,
                                             int exitCode, String message, Duration took) {
        Map<String, Object> doc = notification(command, environment, host, List.of(), took);
        String text = "cairn " + command + " FAILED before running on any target"
                + (environment.isEmpty() ? "" : " (" + environment + ")") + ": " + message.lines().findFirst().orElse("");
        doc.put("text", text.length() <= 500 ? text : text.substring(0, 497) + "...");
        doc.put("event", command + ".failed");
        doc.put("failure", Json.map("code", code, "exitCode", exitCode, "message", message));
        return doc;
    }

    private static long count(List<TargetResult> results, TargetResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
