package dev.cairn.engine;

import java.nio.file.Path;
import java.time.Duration;

/** A backup restored into {@code database}. */
public record RestoreResult(String database, Path file, BackupFormat format, Duration duration) {
}
