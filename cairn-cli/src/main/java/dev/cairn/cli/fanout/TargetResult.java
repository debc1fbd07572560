package dev.cairn.cli.fanout;

import java.time.Duration;
import java.util.List;

/**
 * How one target of a fan-out ended.
 *
 * @param applied  the scripts applied (migrate) or rolled back (rollback) on it, also before a failure
 * @param exitCode what the command alone would have exited with on this target (0 when ok or skipped)
 * @param detail   the outcome in a few words ({@code applied 3}, {@code 2 pending}, {@code not started})
 * @param error    the full message when it failed, already redacted; empty text otherwise
 */
public record TargetResult(Target target, Status status, List<String> applied, Duration duration, int exitCode,
                           String detail, String error) {

    /** A target's outcome. */
    public enum Status {
        OK, FAILED, SKIPPED;

        /** As JSON and text show it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TargetResult {
        applied = List.copyOf(applied);
    }
}
