package dev.cairn.lint;

import dev.cairn.sql.SqlSource;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration to lint: its file, its version (for per-migration ignores), its up script and, when
 * the file has a down section or file, the down.
 *
 * @param downPresent whether the convention found a down (an empty one is reported)
 */
public record LintScript(String file, String version, SqlSource up, Optional<SqlSource> down, boolean downPresent) {

    public LintScript {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
    }

    /** A plain SQL file that is not a migration of any convention: all of it is linted as an up script. */
    public static LintScript plain(String file, String text) {
        return new LintScript(file, "", new SqlSource(file, text, 1), Optional.empty(), false);
    }
}
