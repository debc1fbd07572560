package dev.cairn.migration;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/**
 * One ignore glob. On a Unix file system a glob of plain characters and {@code *} (such as the
 * defaults {@code COMBINED_*} and {@code *deprecated*}) is matched on the file name directly, with
 * the meaning the file system's glob gives it; any other glob (and every glob on Windows, whose
 * globs ignore case) by the file system's {@link PathMatcher}, which runs a regular expression on
 * every file.
 */
final class IgnoreGlob {

    private final String text;
    private final PathMatcher matcher;
    /** The text between the stars, when the glob has no other special character; otherwise null. */
    private final String[] parts;

    IgnoreGlob(String text) {
        this.text = text;
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + text);
        // Windows' globs ignore case: there the file system's matcher decides every glob.
        boolean simple = FileSystems.getDefault().getSeparator().equals("/")
                && text.chars().noneMatch(c -> "?[]{}\\/".indexOf(c) >= 0) && !text.contains("**");
        this.parts = simple ? text.split("\\*", -1) : null;
    }

    String text() {
        return text;
    }

    /**
     * Whether the glob matches the file's name or its path relative to the migrations directory.
     * A glob without {@code /} cannot match a path with one ({@code *} stops at {@code /}), so for a
     * simple glob the name decides.
     */
    boolean matches(Path path, String relative) {
        if (parts != null) {
            return starMatch(path.getFileName().toString());
        }
        Path name = path.getFileName();
        return matcher.matches(name) || relative.indexOf('/') >= 0 && matcher.matches(Path.of(relative));
    }

    private boolean starMatch(String name) {
        if (parts.length == 1) {
            return name.equals(parts[0]);
        }
        String first = parts[0];
        String last = parts[parts.length - 1];
        if (name.length() < first.length() + last.length() || !name.startsWith(first) || !name.endsWith(last)) {
            return false;
        }
        int from = first.length();
        int end = name.length() - last.length();
        for (int i = 1; i < parts.length - 1; i++) {
            int at = name.indexOf(parts[i], from);
            if (at < 0 || at + parts[i].length() > end) {
                return false;
            }
            from = at + parts[i].length();
        }
        return true;
    }
}
