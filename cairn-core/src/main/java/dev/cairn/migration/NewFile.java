package dev.cairn.migration;

import java.nio.file.Path;

/** A file of a new migration, as its {@link Convention} names and fills it: not yet written. */
public record NewFile(Path path, String text) {
}
