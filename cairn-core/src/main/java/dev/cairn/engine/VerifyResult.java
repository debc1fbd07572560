package dev.cairn.engine;

import dev.cairn.schema.SchemaDiff;
import java.util.List;

/**
 * What {@code verify} found, one item per migration in order.
 *
 * @param passed whether every migration's up, down and up again ran and left the schema as it should
 */
public record VerifyResult(boolean passed, List<Item> migrations) {

    public VerifyResult {
        migrations = List.copyOf(migrations);
    }

    /** How one migration's round trip went. */
    public enum Outcome {
        /** Up, down and up again ran; the down restored the schema before the up, and the second up the schema after. */
        OK,
        /** No down script: only the up was run. */
        NO_DOWN,
        /** A repeatable migration: only the up was run. */
        REPEATABLE,
        /** The down ran but left the schema different from before the up (the differences say how). */
        DOWN_LEAVES_CHANGES,
        /** The up after the down gave a schema different from the first up's. */
        REAPPLY_DIFFERS,
        /** The down script failed. */
        DOWN_FAILED,
        /** The up script failed (first time or after the down); verify stops there. */
        UP_FAILED,
        /** Not run, because an earlier migration failed. */
        NOT_RUN;

        /** Whether this outcome fails verify. */
        public boolean failed() {
            return this != OK && this != NO_DOWN && this != REPEATABLE;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param message     the server's message for a failed script, with file:line; otherwise empty
     * @param differences for DOWN_LEAVES_CHANGES: expected is before the up, actual after the down;
     *                    for REAPPLY_DIFFERS: expected is after the first up, actual after the second
     */
    public record Item(String version, String script, Outcome outcome, String message,
                       List<SchemaDiff.Difference> differences) {
        public Item {
            differences = List.copyOf(differences);
        }
    }
}
