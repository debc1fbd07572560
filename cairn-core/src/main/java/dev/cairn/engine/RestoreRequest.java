package dev.cairn.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A backup to restore into the configured database, and who approves it once every check has
 * passed and before anything changes.
 *
 * @param environment variables for pg_restore or psql on top of this process's environment; its
 *                    {@code PATH} is where they are looked for
 */
public record RestoreRequest(Path file, Map<String, String> environment,
                             Approval<Planned> confirmation) {

    public RestoreRequest {
        Objects.requireNonNull(file, "file");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(confirmation, "confirmation");
    }

    /** The {@link Approval} of a restore, by its former name (kept so that callers compile as they are). */
    @FunctionalInterface
    public interface Confirmation extends Approval<Planned> {
        Confirmation APPROVE = plan -> true;
    }

    /** What is about to be restored, and into which database. */
    public record Planned(Path file, BackupFormat format, String database) {
    }

    /** Restores {@code file} without asking: for code that has asked already. */
    public static RestoreRequest of(Path file) {
        return new RestoreRequest(file, Map.of(), Approval.always());
    }
}
