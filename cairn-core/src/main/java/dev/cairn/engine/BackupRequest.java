package dev.cairn.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to back up.
 *
 * @param directory   where the file goes, created when missing
 * @param format      custom archive or gzipped plain SQL
 * @param retention   when present, Cairn's own backups of this database older than this are deleted
 *                    after a successful backup
 * @param environment variables for pg_dump on top of this process's environment; its {@code PATH}
 *                    is where pg_dump is looked for
 */
public record BackupRequest(Path directory, BackupFormat format, Optional<Duration> retention,
                            Map<String, String> environment) {

    public BackupRequest {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(retention, "retention");
        environment = Map.copyOf(environment);
        if (retention.isPresent() && retention.get().isNegative()) {
            throw dev.cairn.error.CairnException.usage("backup.retention", "the retention must not be negative");
        }
    }

    /** A custom-format backup into {@code directory}, keeping every older backup. */
    public static BackupRequest to(Path directory) {
        return new BackupRequest(directory, BackupFormat.CUSTOM, Optional.empty(), Map.of());
    }

    public BackupRequest withFormat(BackupFormat f) {
        return new BackupRequest(directory, f, retention, environment);
    }

    /** Deletes this database's backups (Cairn's own file names only) older than {@code age}. */
    public BackupRequest keeping(Duration age) {
        return new BackupRequest(directory, format, Optional.of(age), environment);
    }

    public BackupRequest withEnvironment(Map<String, String> env) {
        return new BackupRequest(directory, format, retention, env);
    }
}
