package dev.cairn.engine;

import dev.cairn.error.Host;
import dev.cairn.migration.Problem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code status --json} document as ordered maps, lists, strings, numbers, booleans and nulls,
 * with the field names the README documents: one shape for every host that shows a status (the
 * CLI's {@code --json}, the Spring Boot actuator endpoint), each serialising it with its own JSON library.
 */
public final class StatusDocument {

    private StatusDocument() {
    }

    /** The document of {@code s}, what to do next worded neutrally. */
    public static Map<String, Object> of(StatusResult s) {
        return of(s, Host.NEUTRAL);
    }

    /** The document of {@code s}, what to do next worded by {@code host}. */
    public static Map<String, Object> of(StatusResult s, Host host) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("database", s.database());
        doc.put("table", s.table());
        var sum = s.summary();
        doc.put("summary", map("total", sum.total(), "applied", sum.applied(), "pending", sum.pending(),
                "failed", sum.failed(), "modified", sum.modified(), "missing", sum.missing(),
                "outOfOrder", sum.outOfOrder(), "ignored", s.ignored().size()));
        doc.put("migrations", s.migrations().stream().map(m -> map(
                "version", m.version(), "description", m.description(), "script", m.script(),
                "state", m.state().label(), "appliedAt", time(m.appliedAt()), "durationMs", m.durationMs().orElse(null),
                "batch", m.batch().orElse(null), "error", m.error().isEmpty() ? null : m.error(),
                "computedDown", m.computedDown())).toList());
        doc.put("rollbacks", s.rollbacks().stream().map(r -> map("version", r.version(), "script", r.script(),
                "batch", r.batch(), "rolledBackAt", r.rolledBackAt().toString())).toList());
        doc.put("ignored", s.ignored().stream().map(i -> map("path", i.path(), "reason", i.reason())).toList());
        doc.put("problems", problems(s.problems(), host));
        doc.put("size", map("bytes", s.stats().sizeBytes(), "exact", s.stats().exact(), "tables", s.stats().tables(),
                "largest", s.stats().largest().stream().map(t -> map("table", t.table(), "bytes", t.bytes())).toList()));
        return doc;
    }

    /** {@code [{"code", "message"}]}, as {@code status} and {@code validate} list problems. */
    public static List<Map<String, Object>> problems(List<Problem> problems, Host host) {
        return problems.stream().map(p -> map("code", p.code(), "message", p.message(host))).toList();
    }

    private static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
