package dev.cairn.jdbc;

import java.util.Optional;

/**
 * What the server said about a failed statement.
 *
 * @param sqlState the SQLSTATE, such as {@code 42P01}, or empty text when the driver gave none
 * @param message  the server's message
 * @param position 1-based character position in the statement, 0 when the server gave none
 * @param detail   the server's DETAIL, or empty text
 */
public record DatabaseError(String sqlState, String message, int position, String detail) {

    /** A plain-words hint for common SQLSTATEs. */
    public Optional<String> hint() {
        return Hints.forState(sqlState);
    }

    /**
     * Whether the failure came from other sessions or the server (a lock wait, a deadlock, a
     * terminated session, no connection left) rather than from the SQL: the same file can succeed
     * when run again.
     */
    public boolean notTheFile() {
        return Hints.notTheFile(sqlState);
    }

    /** {@code SQLSTATE 42P01: relation "x" does not exist}. */
    public String describe() {
        return (sqlState.isEmpty() ? "" : "SQLSTATE " + sqlState + ": ") + message
                + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
