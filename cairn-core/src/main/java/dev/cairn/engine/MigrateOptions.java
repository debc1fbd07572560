package dev.cairn.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to migrate.
 *
 * @param target            apply nothing above this migration: a version, or a migration's file name or name
 * @param outOfOrder        allow pending versions below the newest applied one
 * @param singleTransaction run the whole pending set in one transaction: all of it or nothing
 * @param rerunModified     run applied migrations whose file changed again: a new history row with the new
 *                          checksum is added, the old one stays for the record
 * @param only              apply just this pending migration, named by its version or file name
 * @param approveRerun      approves the re-runs before anything changes; refusing stops the run (exit 6)
 */
public record MigrateOptions(Optional<Reference> target, boolean outOfOrder, boolean singleTransaction,
                             boolean rerunModified, Optional<String> only, Approval<List<Rerun>> approveRerun) {

    public MigrateOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(only, "only");
        Objects.requireNonNull(approveRerun, "approveRerun");
    }

    public MigrateOptions(Optional<Reference> target, boolean outOfOrder, boolean singleTransaction) {
        this(target, outOfOrder, singleTransaction, false, Optional.empty(), Approval.always());
    }

    public MigrateOptions(Optional<Reference> target, boolean outOfOrder) {
        this(target, outOfOrder, false);
    }

    public static MigrateOptions defaults() {
        return new MigrateOptions(Optional.empty(), false, false);
    }

    /** These options, also re-running applied migrations whose file changed once {@code approval} accepts them. */
    public MigrateOptions rerunningModified(Approval<List<Rerun>> approval) {
        return new MigrateOptions(target, outOfOrder, singleTransaction, true, only, approval);
    }

    /** These options, applying only the pending migration {@code reference} (a version or a file name) names. */
    public MigrateOptions only(String reference) {
        return new MigrateOptions(target, outOfOrder, singleTransaction, rerunModified, Optional.of(reference),
                approveRerun);
    }

    /** An applied migration whose file changed and that is about to run again. */
    public record Rerun(String version, String script, String appliedChecksum, String checksum) {
    }

    /** The {@link Approval} of re-runs, by its former name (kept so that callers compile as they are). */
    @FunctionalInterface
    public interface RerunApproval extends Approval<List<Rerun>> {
        RerunApproval APPROVE = reruns -> true;
    }
}
