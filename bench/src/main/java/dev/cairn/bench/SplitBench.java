package dev.cairn.bench;

import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Splitting throughput: {@link SqlSplitter#split} over generated SQL (the workload's migrations
 * concatenated, dollar quotes and quoted semicolons included), median of repetitions after a
 * warm-up. A plain scan for ';' over the same text gives the memory-speed ceiling.
 */
final class SplitBench {

    record Result(long bytes, int statements, Results.Stats split, Results.Stats scan) {
        double mbPerSecond(Results.Stats s) {
            return bytes / 1_048_576.0 / (s.median() / 1e9);
        }
    }

    private SplitBench() {
    }

    private static int semicolons(String text) {
        int n = 0;
        for (int i = text.indexOf(';'); i >= 0; i = text.indexOf(';', i + 1)) {
            n++;
        }
        return n;
    }

    static Result run(Options o) {
        StringBuilder sb = new StringBuilder();
        int migrations = 0;
        long target = o.splitMegabytes() * 1_048_576L;
        while (sb.length() < target) {
            sb.append(Workload.sql(++migrations)).append('\n');
        }
        String text = sb.toString();
        SqlSource source = new SqlSource("generated.sql", text, 1);
        Bench.log("splitting " + text.length() / 1_048_576 + " MiB (" + migrations + " migrations), "
                + o.splitReps() + " repetitions after 3 warm-ups");
        int statements = 0;
        for (int i = 0; i < 3; i++) {
            statements = SqlSplitter.split(source).size();
        }
        if (statements != migrations * Workload.STATEMENTS) {
            throw new IllegalStateException("split " + statements + " statements, expected "
                    + migrations * Workload.STATEMENTS);
        }
        for (int i = 0; i < 3; i++) {
            semicolons(text);
        }
        List<Long> split = new ArrayList<>();
        List<Long> scan = new ArrayList<>();
        for (int i = 0; i < o.splitReps(); i++) {
            long start = System.nanoTime();
            SqlSplitter.split(source);
            split.add(System.nanoTime() - start);
            start = System.nanoTime();
            int n = semicolons(text);
            scan.add(System.nanoTime() - start + (n == 0 ? 1 : 0));
        }
        return new Result(text.length(), statements, Results.Stats.of(split), Results.Stats.of(scan));
    }
}
