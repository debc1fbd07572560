package dev.cairn.lint;

import dev.cairn.error.CairnException;
import dev.cairn.sql.SqlSplitter;
import dev.cairn.sql.SqlStatement;
import dev.cairn.sql.SqlSyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lints migrations in order: the static rules on every statement, with the state of the
 * statements and files before it; then, where the statement ran on a scratch database, what was
 * observed confirms or refutes what the rules guessed, and the live table's size sets the severity.
 * Then the configuration and the directives: style hints off unless asked, {@code error_on},
 * ignores (and the ignores that matched nothing).
 */
public final class Linter {

    private final LintOptions options;
    private final Observations observations;
    /** The rules of {@code [lint] ignore} that suppressed a finding in this run. */
    private final Set<String> ignoreUsed = new HashSet<>();

    public Linter(LintOptions options, Observations observations) {
        this.options = options;
        this.observations = observations;
    }

    /** Static rules only. */
    public static LintResult lint(List<LintScript> scripts, LintOptions options) {
        return new Linter(options, Observations.none()).run(scripts, false);
    }

    public LintResult run(List<LintScript> scripts, boolean observed) {
        ignoreUsed.clear();
        State state = new State();
        List<Finding> findings = new ArrayList<>();
        List<LintResult.UnusedIgnore> unused = new ArrayList<>();
        int statements = 0;
        for (LintScript script : scripts) {
            state.nextFile();
            List<SqlStatement> sts = split(script);
            Ignores ignores = Ignores.of(script.up().text(), script.up().firstLine(), sts);
            Set<String> perMigration = new HashSet<>(options.perMigration().getOrDefault(script.version(), List.of()));
            Set<String> perUsed = new HashSet<>();
            for (SqlStatement st : sts) {
                statements++;
                for (Finding f : statement(script, st, state)) {
                    if (perMigration.contains(f.rule())) {
                        perUsed.add(f.rule());
                    } else if (!ignores.covers(f.rule(), st.line())) {
                        findings.add(f);
                    }
                }
            }
            emptyDown(script).filter(f -> !ignores.covers(f.rule(), f.line()) && !perMigration.contains(f.rule()))
                    .ifPresent(findings::add);
            for (Ignores.Entry e : ignores.entries) {
                if (!e.used) {
                    unused.add(new LintResult.UnusedIgnore(e.rule, script.file(), e.line, Rule.byId(e.rule).isPresent()
                            ? "matched no finding" : "no rule has this id"));
                }
            }
            perMigration.stream().filter(r -> !perUsed.contains(r)).sorted().forEach(r -> unused.add(
                    new LintResult.UnusedIgnore(r, script.file(), 0, "[lint.migrations.\"" + script.version()
                            + "\"] ignore matched no finding")));
        }
        options.ignore().stream().filter(r -> !ignoreUsed.contains(r)).sorted().forEach(r -> unused.add(
                new LintResult.UnusedIgnore(r, LintResult.CONFIGURATION, 0, "[lint] ignore matched no finding")));
        return new LintResult(findings, unused, scripts.size(), statements, observed);
    }

    private static List<SqlStatement> split(LintScript script) {
        try {
            return SqlSplitter.split(script.up()).stream().filter(s -> !s.isEmpty()).toList();
        } catch (SqlSyntaxException e) {
            throw CairnException.usage("lint.syntax", e.getMessage());
        }
    }

    private List<Finding> statement(LintScript script, SqlStatement st, State state) {
        String folded = SqlSplitter.fold(st.sql());
        Optional<Observation> seen = observations.at(script.up().name(), st.line());
        List<Finding> out = new ArrayList<>();
        Set<String> explained = new HashSet<>();
        for (StaticRules.Hit h : StaticRules.check(folded, state)) {
            Rule rule = h.rule();
            if (rule.style() && !options.style()) {
                continue;
            }
            if (options.ignore().contains(rule.id())) {
                ignoreUsed.add(rule.id());
                continue;
            }
            Finding f = new Finding(rule.id(), rule.severity(), script.file(), st.line(), st.column(), st.sql(),
                    h.message(), h.safer(), Evidence.none());
            Optional<Finding> refined = seen.isPresent() && seen.get().failure().isEmpty()
                    ? Observed.refine(f, rule, seen.get(), observations.sizes(), explained) : Optional.of(f);
            refined.map(this::configured).ifPresent(out::add);
        }
        seen.ifPresent(o -> Observed.unexplained(script.file(), st, o, observations.sizes(), explained).stream()
                .filter(f -> !ignoredByConfiguration(f.rule())).map(this::configured).forEach(out::add));
        return out;
    }

    private boolean ignoredByConfiguration(String rule) {
        if (options.ignore().contains(rule)) {
            ignoreUsed.add(rule);
            return true;
        }
        return false;
    }

    private Finding configured(Finding f) {
        return options.errorOn().contains(f.rule()) ? f.with(Severity.ERROR, f.message(), f.evidence()) : f;
    }

    private Optional<Finding> emptyDown(LintScript script) {
        if (!script.downPresent()) {
            return Optional.empty();
        }
        boolean empty = script.down().map(d -> {
            try {
                return !SqlSplitter.hasStatements(d);
            } catch (SqlSyntaxException e) {
                return false;
            }
        }).orElse(true);
        if (!empty || ignoredByConfiguration(Rule.EMPTY_DOWN.id())) {
            return Optional.empty();
        }
        int line = script.down().map(d -> d.firstLine()).orElse(1);
        return Optional.of(configured(new Finding(Rule.EMPTY_DOWN.id(), Severity.WARNING, script.file(), line, 1, "",
                "the down of " + script.file() + " holds no statement: a rollback would record this migration undone"
                        + " while its changes stay", "-- write the SQL that undoes the up, or delete the down section"
                        + " if the migration cannot be undone", Evidence.none())));
    }
}
