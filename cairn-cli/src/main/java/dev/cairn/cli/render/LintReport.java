package dev.cairn.cli.render;

import dev.cairn.Cairn;
import dev.cairn.lint.Evidence;
import dev.cairn.lint.Finding;
import dev.cairn.lint.LintResult;
import dev.cairn.lint.Rule;
import dev.cairn.lint.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cairn lint}'s output: text grouped by file with the statement quoted, the {@code --json}
 * document, GitHub workflow annotations and SARIF 2.1.0 for code scanning. File names are shown
 * relative to the working directory when they are inside it.
 */
public final class LintReport {

    private final LintResult result;
    private final Path cwd;

    public LintReport(LintResult result, Path cwd) {
        this.result = result;
        this.cwd = cwd.toAbsolutePath().normalize();
    }

    /** A file as shown: relative to the working directory, with {@code /} separators. */
    public String file(String name) {
        if (name.isEmpty()) {
            return name;
        }
        Path p = Path.of(name);
        Path abs = p.isAbsolute() ? p.normalize() : cwd.resolve(p).normalize();
        return (abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString().replace('\\', '/');
    }

    public List<String> text() {
        List<String> out = new ArrayList<>();
        String current = null;
        for (Finding f : result.findings()) {
            if (!f.file().equals(current)) {
                current = f.file();
                out.add(file(current));
            }
            out.add(String.format("  %d:%d  %-7s %s", f.line(), f.column(), f.severity().label(), f.rule()));
            out.add("    " + f.message(CliHost.HOST));
            if (!f.evidence().locks().isEmpty()) {
                out.add("    locks: " + String.join(", ", f.evidence().locks().stream()
                        .map(l -> l.mode() + " on " + l.relation()).distinct().toList())
                        + (f.evidence().rewrites().isEmpty() ? "" : "; rewrote " + String.join(", ",
                        f.evidence().rewrites())) + (f.evidence().scans().isEmpty() ? "" : "; "
                        + String.join("; ", f.evidence().scans())));
            }
            quote(out, "    | ", f.statement());
            out.add("    safer:");
            quote(out, "    | ", f.safer(CliHost.HOST));
        }
        for (LintResult.UnusedIgnore u : result.unused()) {
            out.add("unused ignore: " + file(u.where()) + (u.line() > 0 ? ":" + u.line() : "") + " " + u.rule() + ": "
                    + u.reason());
        }
        out.add(summary());
        return out;
    }

    private static void quote(List<String> out, String prefix, String text) {
        if (!text.isBlank()) {
            text.strip().lines().forEach(l -> out.add(prefix + l));
        }
    }

    public String summary() {
        return result.summary();
    }

    public Map<String, Object> json() {
        List<Object> findings = new ArrayList<>();
        for (Finding f : result.findings()) {
            Map<String, Object> m = Json.map("rule", f.rule(), "severity", f.severity().label(), "file", file(f.file()),
                    "line", f.line(), "column", f.column());
            m.put("statement", f.statement());
            m.put("evidence", evidence(f.evidence()));
            m.put("message", f.message(CliHost.HOST));
            m.put("safer", f.safer(CliHost.HOST));
            findings.add(m);
        }
        List<Object> unused = new ArrayList<>();
        for (LintResult.UnusedIgnore u : result.unused()) {
            unused.add(Json.map("rule", u.rule(), "file", file(u.where()), "line", u.line(), "reason", u.reason()));
        }
        Map<String, Object> summary = Json.map("errors", result.count(Severity.ERROR), "warnings",
                result.count(Severity.WARNING), "info", result.count(Severity.INFO));
        summary.put("files", result.files());
        summary.put("statements", result.statements());
        summary.put("mode", result.observed() ? "observed" : "static");
        summary.put("unused_ignores", unused);
        return Json.map("findings", findings, "summary", summary);
    }

    private static Map<String, Object> evidence(Evidence e) {
        List<Object> locks = new ArrayList<>();
        e.locks().forEach(l -> locks.add(Json.map("relation", l.relation(), "mode", l.mode())));
        Map<String, Object> m = Json.map("locks", locks, "rewrites", e.rewrites(), "scans", e.scans());
        m.put("rows", e.rows() < 0 ? null : e.rows());
        m.put("bytes", e.bytes() < 0 ? null : e.bytes());
        return m;
    }

    /** GitHub Actions workflow commands: {@code ::error file=F,line=L,col=C,title=RULE::message}. */
    public List<String> github() {
        List<String> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            String level = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            out.add("::" + level + " file=" + property(file(f.file())) + ",line=" + f.line() + ",col=" + f.column()
                    + ",title=" + property(f.rule()) + "::" + data(f.message(CliHost.HOST) + "\nsafer:\n" + f.safer(CliHost.HOST)));
        }
        return out;
    }

    /** Escaping of a workflow command's message (as @actions/core does). */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escaping of a workflow command's property value. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    /** A SARIF 2.1.0 log with one run: the rules that fired, and one result per finding. */
    public Map<String, Object> sarif() {
        Set<String> fired = new LinkedHashSet<>();
        result.findings().forEach(f -> fired.add(f.rule()));
        List<Object> rules = new ArrayList<>();
        List<String> ids = new ArrayList<>(fired);
        for (String id : ids) {
            Rule r = Rule.byId(id).orElseThrow();
            Map<String, Object> rule = Json.map("id", id, "name", id, "shortDescription", Json.map("text", r.summary()));
            rule.put("defaultConfiguration", Json.map("level", level(r.severity())));
            rules.add(rule);
        }
        List<Object> results = new ArrayList<>();
        for (Finding f : result.findings()) {
            Map<String, Object> region = Json.map("startLine", f.line(), "startColumn", f.column());
            Map<String, Object> location = Json.map("physicalLocation", Json.map("artifactLocation",
                    Json.map("uri", file(f.file())), "region", region));
            Map<String, Object> res = Json.map("ruleId", f.rule(), "ruleIndex", ids.indexOf(f.rule()),
                    "level", level(f.severity()));
            res.put("message", Json.map("text", f.message(CliHost.HOST) + "\nsafer:\n" + f.safer(CliHost.HOST)));
            res.put("locations", List.of(location));
            results.add(res);
        }
        Map<String, Object> driver = Json.map("name", "cairn", "version", Cairn.VERSION);
        driver.put("rules", rules);
        Map<String, Object> run = Json.map("tool", Json.map("driver", driver), "results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
