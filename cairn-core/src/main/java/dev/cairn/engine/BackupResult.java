package dev.cairn.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A backup written.
 *
 * @param database       the database backed up
 * @param file           the backup file
 * @param bytes          its size
 * @param restoreCommand the client-tool command that restores it (pg_restore, or gunzip piped into
 *                       psql), for a person to copy; it never holds the password
 * @param deleted        older backups removed by the retention, oldest first
 * @param partials       {@code .partial} files of killed backups of this database, removed before the dump
 */
public record BackupResult(String database, Path file, BackupFormat format, long bytes, Duration duration,
                           String restoreCommand, List<Path> deleted, List<Path> partials) {

    public BackupResult {
        deleted = List.copyOf(deleted);
        partials = List.copyOf(partials);
    }
}
