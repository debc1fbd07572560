package dev.cairn.engine;

import dev.cairn.migration.Version;
import java.util.List;

/**
 * Which applied migrations to undo, newest first, and who approves the plan before anything runs.
 */
public record RollbackRequest(Selection selection, Approval<List<Planned>> confirmation) {

    /** Which migrations. */
    public sealed interface Selection {
        /** The migrations of the newest batch (the default). */
        record LastBatch() implements Selection {
        }

        /** The newest {@code n} applied migrations. */
        record Steps(int n) implements Selection {
        }

        /**
         * Every applied migration with a version above that of the migration {@code migration} names
         * (its version, file name or name).
         */
        record To(Reference migration) implements Selection {
            public To(Version version) {
                this(Reference.of(version));
            }
        }

        /** The migrations applied in batch {@code batch}. */
        record Batch(int batch) implements Selection {
        }

        /** Every applied migration. */
        record All() implements Selection {
        }

        /**
         * Just the applied migration {@code reference} names (a version or a file name). Refused (exit 4)
         * when newer migrations are applied, unless {@code force}.
         */
        record Only(String reference, boolean force) implements Selection {
        }
    }

    /** The {@link Approval} of a rollback, by its former name (kept so that callers compile as they are). */
    @FunctionalInterface
    public interface Confirmation extends Approval<List<Planned>> {
        Confirmation APPROVE = plan -> true;
    }

    /**
     * One migration to undo.
     *
     * @param downSource {@code file}, or {@code history} when the file is gone or changed and the
     *                   down script stored at apply time is used, {@code computed} when the migration had
     *                   none and Cairn computed one at apply time from the schema before and after it (it
     *                   restores the schema, not data: see {@link #notRestored()}), {@code empty} when the down script
     *                   is there but holds no statement (nothing to undo), or in a preview {@code missing}
     *                   (no down script at all), which a rollback refuses
     * @param sql        the down script that would run, empty text for {@code missing}
     */
    public record Planned(String version, String script, int batch, String downSource, String sql) {

        public Planned(String version, String script, int batch, String downSource) {
            this(version, script, batch, downSource, "");
        }

        /** Whether the down script is one Cairn computed at apply time. */
        public boolean computed() {
            return downSource.equals(Rollback.COMPUTED);
        }

        /**
         * For a computed down: the objects whose data the migration dropped, which its down brings back
         * empty (a dropped column or table); empty otherwise.
         */
        public List<String> notRestored() {
            if (!computed()) {
                return List.of();
            }
            return sql.lines().filter(l -> l.startsWith(ComputedDown.NOT_RESTORED))
                    .map(l -> l.substring(ComputedDown.NOT_RESTORED.length()).replace(" (dropped by the migration)"
                            + " comes back empty", "")).toList();
        }

        /**
         * For a computed down: the objects whose data rolling back drops (what the migration created:
         * {@code column public.products.search}); empty otherwise.
         */
        public List<String> dropsData() {
            String prefix = "-- drops the data of ";
            return !computed() ? List.of()
                    : sql.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        }

        /** Whether a rollback can run this one. */
        public boolean runnable() {
            return !downSource.equals("missing");
        }
    }

    public static RollbackRequest lastBatch() {
        return new RollbackRequest(new Selection.LastBatch(), Confirmation.APPROVE);
    }
}
