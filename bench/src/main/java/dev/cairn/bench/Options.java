package dev.cairn.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's settings, from {@code --key=value} arguments; every default is here.
 *
 * @param sizes        numbers of migrations, such as 100, 1000 and 10000
 * @param reps         repetitions per size (a size not listed uses {@code defaultReps})
 * @param tools        which tools run, in their first repetition's order
 * @param phases       which phases run: apply, noop, status, process, split
 * @param processRuns  process launches per tool, phase and repetition
 * @param inProcessRuns samples per tool and repetition of the short in-process phases (no-op, status,
 *                     validate): one sample of a few milliseconds says little on a shared machine
 * @param adminUrl     a JDBC URL of a database from which others may be created and dropped
 * @param root         the Cairn checkout (for the {@code ./cairn} launcher and the commit)
 * @param work         where the generated migration files go
 * @param out          where the Markdown tables go
 * @param splitMegabytes how much SQL the splitting benchmark splits
 * @param splitReps    repetitions of the splitting benchmark
 * @param processFlags JVM flags of the Flyway, Liquibase and raw-JDBC processes (the launcher's own)
 * @param arguments  the arguments as given, for the report
 */
record Options(List<Integer> sizes, Map<Integer, Integer> reps, int defaultReps, List<String> tools,
               List<String> phases, int processRuns, int inProcessRuns, String adminUrl, Path root, Path work, Path out,
               int splitMegabytes, int splitReps, List<String> processFlags, String arguments) {

    static final List<String> DEFAULT_TOOLS = List.of("cairn", "flyway", "liquibase", "raw", "raw-batch", "raw-each");
    static final List<String> ALL_TOOLS = List.of("cairn", "flyway", "liquibase", "raw", "raw-batch", "raw-each",
            "raw-async");
    static final List<String> ALL_PHASES = List.of("apply", "noop", "status", "process", "split");

    int repsFor(int n) {
        return reps.getOrDefault(n, defaultReps);
    }

    boolean phase(String name) {
        return phases.contains(name);
    }

    static Options parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --key=value, got: " + arg + "\n" + USAGE);
            }
            a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Path root = Path.of(a.getOrDefault("root", ".")).toAbsolutePath().normalize();
        List<Integer> sizes = ints(a.getOrDefault("sizes", "100,1000"));
        Map<Integer, Integer> reps = new LinkedHashMap<>();
        int defaultReps = 5;
        for (String r : a.getOrDefault("reps", "5").split(",")) {
            if (r.contains(":")) {
                reps.put(Integer.parseInt(r.substring(0, r.indexOf(':')).strip()),
                        Integer.parseInt(r.substring(r.indexOf(':') + 1).strip()));
            } else {
                defaultReps = Integer.parseInt(r.strip());
            }
        }
        List<String> tools = list(a.getOrDefault("tools", String.join(",", DEFAULT_TOOLS)));
        List<String> phases = list(a.getOrDefault("phases", String.join(",", ALL_PHASES)));
        for (String t : tools) {
            if (!ALL_TOOLS.contains(t)) {
                throw new IllegalArgumentException("unknown tool " + t + "; tools: " + ALL_TOOLS);
            }
        }
        for (String p : phases) {
            if (!ALL_PHASES.contains(p)) {
                throw new IllegalArgumentException("unknown phase " + p + "; phases: " + ALL_PHASES);
            }
        }
        String flags = a.getOrDefault("process-flags", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto");
        return new Options(sizes, reps, defaultReps, tools, phases, Integer.parseInt(a.getOrDefault("process-runs", "3")),
                Integer.parseInt(a.getOrDefault("inprocess-runs", "5")),
                a.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"), root,
                Path.of(a.getOrDefault("work", root.resolve("bench/target/work").toString())).toAbsolutePath(),
                Path.of(a.getOrDefault("out", root.resolve("bench/target/results.md").toString())).toAbsolutePath(),
                Integer.parseInt(a.getOrDefault("split-mb", "10")), Integer.parseInt(a.getOrDefault("split-reps", "10")),
                flags.isBlank() ? List.of() : List.of(flags.strip().split("\\s+")),
                String.join(" ", java.util.Arrays.stream(args).filter(x -> !x.startsWith("--root=")).toList()));
    }

    private static List<Integer> ints(String s) {
        List<Integer> out = new ArrayList<>();
        for (String p : s.split(",")) {
            out.add(Integer.parseInt(p.strip().replace("_", "")));
        }
        return List.copyOf(out);
    }

    private static List<String> list(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return List.copyOf(out);
    }

    static final String USAGE = """
            usage: Bench [--sizes=100,1000,10000] [--reps=5 | --reps=5,10000:1] [--tools=cairn,flyway,...]
                         [--phases=apply,noop,status,process,split] [--process-runs=3] [--inprocess-runs=5]
                         [--url=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres] [--root=.]
                         [--work=bench/target/work] [--out=bench/target/results.md] [--split-mb=10] [--split-reps=10]
                         [--process-flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"]""";
}
