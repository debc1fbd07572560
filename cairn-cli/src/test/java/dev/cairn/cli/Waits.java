package dev.cairn.cli;

import java.time.Duration;

/** Waiting for a condition another process brings about; fails with what was awaited. */
final class Waits {

    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    private Waits() {
    }

    static void until(Duration limit, Condition condition) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition did not hold within " + limit.toSeconds() + "s");
            }
            Thread.sleep(100);
        }
    }
}
