package dev.cairn.engine;

import dev.cairn.jdbc.DatabaseError;

/**
 * Where and why a migration's statement failed.
 *
 * @param version         the migration
 * @param file            the file as the user names it
 * @param line            file line of the failing statement
 * @param position        {@code line:column} in the file of the server's error position, or empty text
 * @param error           what the server said
 * @param completed       how many statements of the migration completed before it
 * @param statements      how many statements the migration has
 * @param transactional   whether it ran in a transaction (and so left nothing behind)
 */
public record Failure(String version, String file, int line, String position, DatabaseError error, int completed,
                      int statements, boolean transactional) {

    /** {@code db/migrations/003_users.sql:12} */
    public String where() {
        return file + ":" + (position.isEmpty() ? Integer.toString(line) : position);
    }

    /** The text stored in the history row's {@code error} column. */
    public String historyText() {
        return where() + ": " + error.describe() + (transactional ? ""
                : " (" + completed + " of " + statements + " statements completed without a transaction)");
    }
}
