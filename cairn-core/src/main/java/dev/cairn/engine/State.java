package dev.cairn.engine;

import java.util.Locale;

/** Where a migration stands, comparing the files with the history table. */
public enum State {
    /** Applied, and the file is unchanged. */
    APPLIED,
    /** Not applied yet (or rolled back). */
    PENDING,
    /** The last attempt failed. */
    FAILED,
    /** Applied, but the file's up script has changed since. */
    MODIFIED,
    /** Applied, but its file is gone. */
    MISSING,
    /** Not applied, and its version is below the newest applied one. */
    OUT_OF_ORDER;

    /** The lowercase, dashed name used in output and JSON: {@code out-of-order}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
