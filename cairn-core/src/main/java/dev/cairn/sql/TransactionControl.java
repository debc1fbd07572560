package dev.cairn.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statements of a script that control its transaction ({@code BEGIN}, {@code COMMIT},
 * {@code ROLLBACK} and their spellings), and whether they are balanced.
 *
 * <p>A script wrapped in one outer {@code BEGIN;} ... {@code COMMIT;} pair, or ending in a lone
 * {@code COMMIT;}, may run in Cairn's transaction without that pair ({@link #unwrapped}). What is left
 * must be balanced: a {@code BEGIN} that is never committed leaves the session inside a transaction
 * that the end of the session rolls back, so the script's work would be lost while reported as done;
 * a {@code COMMIT} without a {@code BEGIN} commits nothing and says the script is not what its author
 * thinks. See <a href="https://www.postgresql.org/docs/current/sql-begin.html">BEGIN</a>.
 */
public final class TransactionControl {

    /** What a statement does to the session's transaction. */
    public enum Kind {
        /** Not transaction control. */
        NONE,
        /** {@code BEGIN}, {@code START TRANSACTION}: opens a transaction block. */
        BEGIN,
        /** {@code COMMIT}, {@code END}, {@code ROLLBACK}, {@code ABORT}, {@code PREPARE TRANSACTION}: ends it. */
        END,
        /** {@code COMMIT AND CHAIN}, {@code ROLLBACK AND CHAIN}: ends it and opens the next at once. */
        CHAIN
    }

    private TransactionControl() {
    }

    /** What {@code statement} does to the transaction, read from its leading words. */
    public static Kind of(SqlStatement statement) {
        String w = Keywords.leading(statement.sql(), 4);
        String first = w.indexOf(' ') < 0 ? w : w.substring(0, w.indexOf(' '));
        switch (first) {
            case "BEGIN":
                return w.equals("BEGIN") || w.startsWith("BEGIN TRANSACTION") || w.startsWith("BEGIN WORK")
                        || w.startsWith("BEGIN ISOLATION") || w.startsWith("BEGIN READ") || w.startsWith("BEGIN NOT")
                        || w.startsWith("BEGIN DEFERRABLE") ? Kind.BEGIN : Kind.NONE;
            case "START":
                return w.startsWith("START TRANSACTION") ? Kind.BEGIN : Kind.NONE;
            case "COMMIT", "END", "ROLLBACK", "ABORT":
                return ending(w.substring(first.length()).trim());
            case "PREPARE":
                return w.startsWith("PREPARE TRANSACTION") ? Kind.END : Kind.NONE;
            default:
                return Kind.NONE;
        }
    }

    /** After {@code COMMIT} and its synonyms: {@code [WORK | TRANSACTION] [AND [NO] CHAIN]}, nothing else. */
    private static Kind ending(String rest) {
        String r = rest.startsWith("WORK") || rest.startsWith("TRANSACTION")
                ? rest.substring(rest.indexOf(' ') < 0 ? rest.length() : rest.indexOf(' ')).trim() : rest;
        if (r.isEmpty() || r.equals("AND NO") || r.startsWith("AND NO ")) {
            return Kind.END;
        }
        if (r.equals("AND") || r.startsWith("AND CHAIN")) {
            return Kind.CHAIN;
        }
        // COMMIT PREPARED, ROLLBACK PREPARED, ROLLBACK TO SAVEPOINT: not this session's transaction.
        return Kind.NONE;
    }

    /**
     * The statements without one outer {@code BEGIN} ... {@code COMMIT} pair (the COMMIT that ends
     * the first BEGIN is the last statement), or without a trailing lone {@code COMMIT} (one that
     * ends no BEGIN of the script): the forms a script may take and still run in Cairn's transaction.
     */
    public static List<SqlStatement> unwrapped(List<SqlStatement> statements) {
        List<SqlStatement> s = new ArrayList<>(statements);
        // The outer pair is the first and last statements that do something: a comment-only tail
        // (which psql sends) does not hide a closing COMMIT.
        int first = 0;
        while (first < s.size() && s.get(first).isEmpty()) {
            first++;
        }
        int last = s.size() - 1;
        while (last > first && s.get(last).isEmpty()) {
            last--;
        }
        if (first >= s.size() || !isCommit(s.get(last))) {
            return s;
        }
        boolean open = false;
        int firstClose = -1;
        for (int i = first; i < last; i++) {
            Kind k = of(s.get(i));
            if (k == Kind.BEGIN) {
                open = true;
            } else if (k == Kind.END || k == Kind.CHAIN) {
                firstClose = firstClose < 0 && open ? i : firstClose;
                open = k == Kind.CHAIN;
            }
        }
        if (!open) {
            s.remove(last);
        } else if (of(s.get(first)) == Kind.BEGIN && firstClose < 0) {
            s.remove(last);
            s.remove(first);
        }
        return s;
    }

    /** A plain {@code COMMIT} or {@code END} (not a rollback, not chained). */
    private static boolean isCommit(SqlStatement st) {
        String w = Keywords.leading(st.sql(), 2);
        return of(st) == Kind.END && (w.startsWith("COMMIT") || w.startsWith("END"));
    }

    /**
     * Why the script's transaction control is unbalanced, naming {@code name:line}; empty when it is
     * balanced. The statements are those of the whole script: the accepted outer forms are removed
     * first.
     */
    public static Optional<String> unbalanced(List<SqlStatement> statements, String name) {
        SqlStatement open = null;
        for (SqlStatement st : unwrapped(statements)) {
            switch (of(st)) {
                case BEGIN -> {
                    if (open == null) {
                        open = st;
                    }
                }
                case END, CHAIN -> {
                    if (open == null) {
                        return Optional.of(name + ":" + st.line() + ": " + Keywords.leading(st.sql(), 1)
                                + " without a BEGIN before it; remove it, or add the BEGIN that it ends");
                    }
                    open = of(st) == Kind.CHAIN ? st : null;
                }
                default -> { }
            }
        }
        if (open != null) {
            return Optional.of(name + ":" + open.line() + ": " + Keywords.leading(open.sql(), 1)
                    + " opens a transaction that the file never commits, so its work would be rolled back when the"
                    + " session ends; add COMMIT; after its last statement, or remove the " + Keywords.leading(open.sql(), 1));
        }
        return Optional.empty();
    }
}
