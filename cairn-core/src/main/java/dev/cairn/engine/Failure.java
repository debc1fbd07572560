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

    /** Where and why statement {@code f.index} of {@code plan}, a script of {@code version}, failed. */
    static Failure of(String version, String file, ScriptPlan plan, Runner.StatementFailure f) {
        dev.cairn.sql.SqlStatement st = plan.statements().get(f.index);
        DatabaseError error = dev.cairn.jdbc.Jdbc.error(f.cause);
        return new Failure(version, file, st.line(), Positions.locate(st, error.position()), error, f.index,
                plan.statements().size(), plan.transactional());
    }

    /** {@code db/migrations/003_users.sql:12} */
    public String where() {
        return file + ":" + (position.isEmpty() ? Integer.toString(line) : position);
    }

    /** The text stored in the history row's {@code error} column. */
    public String historyText() {
        return where() + ": " + error.describe() + (transactional ? ""
                : " (" + completed + " of " + statements + NOT_IN_A_TRANSACTION);
    }

    /** Whether nothing of the migration was applied: it ran in a transaction, or its first statement failed. */
    public boolean changedNothing() {
        return transactional || completed == 0;
    }

    private static final String NOT_IN_A_TRANSACTION = " statements completed without a transaction)";

    /**
     * Whether a FAILED row's {@code error}, as {@link #historyText()} wrote it for a migration run without
     * a transaction, says that its first statement failed ({@code (0 of N statements completed ...)}), so
     * that nothing of it was applied. A runner killed half way leaves another text, and this is false.
     */
    static boolean nothingCompleted(String historyText) {
        if (!historyText.endsWith(NOT_IN_A_TRANSACTION)) {
            return false;
        }
        int open = historyText.lastIndexOf(" (0 of ");
        if (open < 0) {
            return false;
        }
        String total = historyText.substring(open + " (0 of ".length(), historyText.length() - NOT_IN_A_TRANSACTION.length());
        return !total.isEmpty() && total.chars().allMatch(Character::isDigit);
    }
}
