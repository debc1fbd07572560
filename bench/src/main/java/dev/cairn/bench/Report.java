package dev.cairn.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders the results as Markdown and writes them to the output file. */
final class Report {

    private static final String[][] PHASES = {
            {"apply", "(a) apply N migrations to an empty database", "raw", "× raw bound"},
            {"noop", "(b) no-op migrate with N applied, in-process (what an application pays at every start)", "raw",
                    "× raw bound"},
            {"status", "(c) status and validate with N applied, in-process", "raw check (status/validate bound)",
                    "× raw bound"},
            {"process", "(d) whole processes with N applied: start to exit", "raw-JDBC main (no-op migrate)",
                    "× raw-JDBC process"}};

    private final Options options;
    private final String machine;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final java.util.Map<Integer, String> loads = new java.util.HashMap<>();

    Report(Options options, String machine) {
        this.options = options;
        this.machine = machine;
    }

    /** Records the machine's load average (other work on the machine shows here) for one size. */
    void load(int n, String text) {
        loads.merge(n, text, (a, b) -> a + "; " + b);
    }

    void write(Results r, SplitBench.Result split, long elapsedNanos) {
        StringBuilder md = new StringBuilder();
        md.append("# Cairn benchmark results\n\n");
        md.append("Run started ").append(started).append(", took ").append(Math.round(elapsedNanos / 60e9))
                .append(" min").append(split == null && options.phase("split") ? " (partial: still running)" : "")
                .append(".\n\nCommand: `bench/run ").append(options.arguments()).append("`\n\n").append(machine)
                .append("\n\nEach sample is one tool on a fresh database; tools run in alternating order (rotated by"
                        + " one and reversed every other repetition); in-process no-op, status and validate: ")
                .append(options.inProcessRuns()).append(" samples per repetition; process launches: ")
                .append(options.processRuns()).append(" per repetition. After every apply the harness checks (untimed) N history rows, N tables and"
                        + " N views.\n");
        for (int n : r.sizes()) {
            md.append("\n## N = ").append(String.format(Locale.ROOT, "%,d", n)).append(" (")
                    .append(options.repsFor(n)).append(" repetitions)\n");
            if (loads.containsKey(n)) {
                md.append("\nLoad average (1, 5, 15 min) ").append(loads.get(n)).append(".\n");
            }
            for (String[] p : PHASES) {
                table(md, r, n, p);
            }
            targets(md, r, n);
        }
        scaling(md, r);
        if (split != null) {
            md.append("\n## Splitting\n\n`SqlSplitter.split` on ").append(String.format(Locale.ROOT, "%.1f", split.bytes() / 1_048_576.0))
                    .append(" MiB of generated migrations (").append(String.format(Locale.ROOT, "%,d", split.statements()))
                    .append(" statements), ").append(split.split().samples()).append(" repetitions after 3 warm-ups.\n\n")
                    .append("| what | median | min | max | MiB/s (median) |\n|---|---:|---:|---:|---:|\n");
            row(md, "SqlSplitter.split", split.split(), String.format(Locale.ROOT, "%.0f", split.mbPerSecond(split.split())));
            row(md, "scan for ';' only (ceiling, not a splitter)", split.scan(),
                    String.format(Locale.ROOT, "%.0f", split.mbPerSecond(split.scan())));
        }
        Bench.writeFile(options.out(), md.toString());
    }

    private static void table(StringBuilder md, Results r, int n, String[] phase) {
        List<String> labels = r.labels(n, phase[0]);
        if (labels.isEmpty()) {
            return;
        }
        Optional<Results.Stats> bound = r.stats(n, phase[0], phase[2]);
        md.append("\n### ").append(phase[1]).append("\n\n| ").append(phase[0].equals("process") ? "process" : "tool")
                .append(" | median | min | max | ").append(phase[3]).append(" |\n|---|---:|---:|---:|---:|\n");
        for (String label : labels) {
            Results.Stats s = r.stats(n, phase[0], label).orElseThrow();
            row(md, label, s, bound.map(b -> ratio(s.median(), b.median())).orElse(""));
        }
    }

    private static void targets(StringBuilder md, Results r, int n) {
        List<String[]> rows = new ArrayList<>();
        ratioTarget(rows, r, n, "apply", "cairn", "raw", 1.0, "apply ≤ 1.0× raw bound");
        ratioTarget(rows, r, n, "noop", "cairn", "raw", 1.5, "no-op migrate ≤ 1.5× raw bound");
        ratioTarget(rows, r, n, "status", "cairn status", "raw check (status/validate bound)", 2.0, "status ≤ 2× raw bound");
        ratioTarget(rows, r, n, "status", "cairn validate", "raw check (status/validate bound)", 2.0,
                "validate ≤ 2× raw bound");
        absoluteTarget(rows, r, n, "./cairn migrate (no-op)", 250, "whole-process `./cairn migrate` no-op ≤ 250 ms");
        if (n >= 10_000) {
            absoluteTarget(rows, r, n, "./cairn status", 1000, "`./cairn status` process ≤ 1 s");
            absoluteTarget(rows, r, n, "./cairn validate", 1000, "`./cairn validate` process ≤ 1 s");
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("\n### Targets at N = ").append(String.format(Locale.ROOT, "%,d", n))
                .append("\n\n| target | measured (medians) | met |\n|---|---|---|\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
    }

    private static void ratioTarget(List<String[]> rows, Results r, int n, String phase, String label, String bound,
                                    double max, String text) {
        var s = r.stats(n, phase, label);
        var b = r.stats(n, phase, bound);
        if (s.isPresent() && b.isPresent()) {
            double x = (double) s.get().median() / b.get().median();
            rows.add(new String[] {text, ms(s.get().median()) + " vs " + ms(b.get().median()) + " = "
                    + ratio(s.get().median(), b.get().median()), x <= max ? "yes" : String.format(Locale.ROOT,
                    "**no**: %.0f%% over", (x / max - 1) * 100)});
        }
    }

    private static void absoluteTarget(List<String[]> rows, Results r, int n, String label, long maxMs, String text) {
        r.stats(n, "process", label).ifPresent(s -> rows.add(new String[] {text, ms(s.median()),
                s.median() <= maxMs * 1_000_000L ? "yes" : String.format(Locale.ROOT, "**no**: %s over",
                ms(s.median() - maxMs * 1_000_000L))}));
    }

    private static void scaling(StringBuilder md, Results r) {
        List<Integer> sizes = r.sizes();
        if (sizes.size() < 2) {
            return;
        }
        md.append("\n## Scaling\n\nMedian at the larger N divided by the median at the smaller one; linear work grows"
                + " by the ratio of the sizes at most (fixed costs make it grow less), quadratic work by its square.\n\n"
                + "| phase | tool or process |");
        for (int i = 1; i < sizes.size(); i++) {
            md.append(" ").append(sizes.get(i - 1)).append(" → ").append(sizes.get(i)).append(" |");
        }
        md.append("\n|---|---|").append("---:|".repeat(sizes.size() - 1)).append("\n");
        for (String[] p : PHASES) {
            for (String label : r.labels(sizes.get(sizes.size() - 1), p[0])) {
                md.append("| ").append(p[0]).append(" | ").append(label).append(" |");
                for (int i = 1; i < sizes.size(); i++) {
                    var a = r.stats(sizes.get(i - 1), p[0], label);
                    var b = r.stats(sizes.get(i), p[0], label);
                    md.append(" ").append(a.isPresent() && b.isPresent() ? ratio(b.get().median(), a.get().median()) : "")
                            .append(" |");
                }
                md.append("\n");
            }
        }
    }

    private static void row(StringBuilder md, String label, Results.Stats s, String last) {
        md.append("| ").append(label).append(" | ").append(ms(s.median())).append(" | ").append(ms(s.min()))
                .append(" | ").append(ms(s.max())).append(" | ").append(last).append(" |\n");
    }

    static String ratio(long a, long b) {
        return String.format(Locale.ROOT, "%.2f×", (double) a / b);
    }

    static String ms(long nanos) {
        double ms = nanos / 1e6;
        if (ms >= 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%,.0f ms", ms);
        }
        return String.format(Locale.ROOT, ms >= 10 ? "%.1f ms" : "%.2f ms", ms);
    }
}
