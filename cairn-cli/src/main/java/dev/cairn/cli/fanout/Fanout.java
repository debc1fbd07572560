package dev.cairn.cli.fanout;

import dev.cairn.Cairn;
import dev.cairn.cli.Console;
import dev.cairn.cli.render.CliHost;
import dev.cairn.engine.Listener;
import dev.cairn.error.CairnException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs one operation on every target, at most {@code parallel} at once (each target's run holds its
 * work and lock connections, and briefly a third that looks for the blocker of a long lock wait). A
 * target that fails fails alone; with
 * {@code failFast} no target starts after a failure and those left are reported skipped.
 */
public final class Fanout {

    /** The command's work on one target's configured Cairn. */
    public interface Operation {
        Outcome run(Cairn cairn);
    }

    /**
     * What the command would have exited with on that target alone, and its outcome in a few words (the
     * message when the exit code is not 0).
     */
    public record Outcome(int exitCode, String detail) {
        public static Outcome ok(String detail) {
            return new Outcome(0, detail);
        }
    }

    private final Console console;
    private final int parallel;
    private final boolean failFast;

    public Fanout(Console console, int parallel, boolean failFast) {
        this.console = console;
        this.parallel = parallel;
        this.failFast = failFast;
    }

    /**
     * Runs {@code operation} on each target with the Cairn {@code cairn} configures for it (given the
     * target's listener), telling {@code finished} of each result as it comes; returns them in the
     * targets' order.
     */
    public List<TargetResult> run(List<Target> targets, BiFunction<Target, Listener, Cairn> cairn, Operation operation,
                                  Consumer<TargetResult> finished) {
        AtomicBoolean failed = new AtomicBoolean();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, targets.size()), r -> {
            Thread t = new Thread(r, "cairn-target-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TargetResult>> futures = new ArrayList<>();
            for (Target t : targets) {
                futures.add(pool.submit(() -> {
                    if (failFast && failed.get()) {
                        return new TargetResult(t, TargetResult.Status.SKIPPED, List.of(), Duration.ZERO, 0,
                                "not started (--fail-fast: an earlier target failed)", "");
                    }
                    TargetResult r = one(t, cairn, operation);
                    if (r.status() == TargetResult.Status.FAILED) {
                        failed.set(true);
                    }
                    finished.accept(r);
                    return r;
                }));
            }
            List<TargetResult> results = new ArrayList<>();
            for (Future<TargetResult> f : futures) {
                results.add(join(f));
            }
            return List.copyOf(results);
        } finally {
            pool.shutdownNow();
        }
    }

    private TargetResult one(Target t, BiFunction<Target, Listener, Cairn> cairn, Operation operation) {
        TargetEvents events = new TargetEvents(console, t.label());
        long start = System.nanoTime();
        try {
            Outcome o = operation.run(cairn.apply(t, events));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return o.exitCode() == 0
                    ? new TargetResult(t, TargetResult.Status.OK, events.done(), took, 0, o.detail(), "")
                    : new TargetResult(t, TargetResult.Status.FAILED, events.done(), took, o.exitCode(),
                    firstLine(o.detail()), console.redact(o.detail()));
        } catch (RuntimeException | AssertionError e) {
            // An AssertionError too: the driver asserts on a session the server terminated (with -ea), and
            // that target must fail alone.
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String message = console.redact(e instanceof CairnException c ? CliHost.message(c) : "unexpected "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
            int code = e instanceof CairnException c ? c.exitCode() : 1;
            return new TargetResult(t, TargetResult.Status.FAILED, events.done(), took, code, firstLine(message),
                    message);
        }
    }

    private static TargetResult join(Future<TargetResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CairnException.failed("fanout.interrupted", "the fan-out was interrupted; targets still running"
                    + " were stopped (each migration is applied whole or not at all)", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    /**
     * The run's exit code: 0 when every target succeeded; 1 when any target failed with 1 (a migration or
     * a database operation, such as an unreachable host); otherwise the highest code a target ended with
     * (3 pending, 4 check failed, 5 lock, 6 refused).
     */
    public static int exitCode(List<TargetResult> results) {
        int highest = 0;
        for (TargetResult r : results) {
            if (r.exitCode() == 1) {
                return 1;
            }
            highest = Math.max(highest, r.exitCode());
        }
        return highest;
    }
}
