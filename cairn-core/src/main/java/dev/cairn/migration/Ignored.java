package dev.cairn.migration;

/** A file in a migrations directory that is not a migration, and why. */
public record Ignored(String path, String reason) {
}
