package dev.cairn.migration;

import java.nio.file.Path;

/**
 * A file in a migrations directory: where it is, its name relative to that directory (with
 * {@code /} separators) and its text, read as UTF-8 without a byte order mark.
 */
public record MigrationFile(Path path, String relative, String text) {

    /** The file name without its directories: {@code 003_users.sql}. */
    public String fileName() {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? relative : relative.substring(slash + 1);
    }

    /** How messages name this file: the path as the user gave its directory. */
    public String display() {
        return path.toString();
    }

    /**
     * Reads a file as strict UTF-8 without its byte order mark.
     *
     * @throws dev.cairn.error.CairnException a usage error naming the file when it is not UTF-8 or unreadable
     */
    public static String read(Path path) {
        return DirectoryScan.text(path);
    }
}
