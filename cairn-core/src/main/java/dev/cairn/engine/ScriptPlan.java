package dev.cairn.engine;

import dev.cairn.dialect.Dialect;
import dev.cairn.migration.Migration;
import dev.cairn.sql.Keywords;
import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import dev.cairn.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * A script split into statements, and whether it runs in Cairn's transaction.
 *
 * <p>A file wrapped in one outer {@code BEGIN;} ... {@code COMMIT;} (or ending in a lone
 * {@code COMMIT;}) loses that pair and runs in Cairn's transaction, together with its history row.
 * A file with more transaction control than that runs as psql would run it, without Cairn's
 * transaction; so does one with a statement PostgreSQL refuses inside a transaction block.
 *
 * @param noTransactionReason why it runs without a transaction, empty text when it runs in one
 */
record ScriptPlan(List<SqlStatement> statements, boolean transactional, String noTransactionReason) {

    ScriptPlan {
        statements = List.copyOf(statements);
    }

    static ScriptPlan of(SqlSource source, Migration.Transaction mode, Dialect dialect, int serverMajor) {
        List<SqlStatement> statements = new ArrayList<>(SqlSplitter.split(source));
        String reason = unwrap(statements, source);
        if (reason.isEmpty() && mode == Migration.Transaction.NONE) {
            reason = "configured to run without a transaction";
        }
        for (int i = 0; i < statements.size() && reason.isEmpty(); i++) {
            String r = dialect.nonTransactionalReason(statements.get(i), serverMajor);
            if (!r.isEmpty()) {
                reason = r + " at " + source.name() + ":" + statements.get(i).line() + " cannot run in a transaction";
            }
        }
        return new ScriptPlan(statements, reason.isEmpty(), reason);
    }

    /** Drops one outer BEGIN/COMMIT pair; returns a reason when other transaction control remains. */
    private static String unwrap(List<SqlStatement> s, SqlSource source) {
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
        if (first >= s.size()) {
            return "";
        }
        boolean opens = isBegin(words(s.get(first)));
        boolean closes = isCommit(words(s.get(last)));
        if (opens && closes && last > first) {
            s.remove(last);
            s.remove(first);
        } else if (!opens && closes) {
            s.remove(last);
        }
        for (SqlStatement st : s) {
            String w = words(st);
            if (isBegin(w) || isCommit(w) || isRollback(w)) {
                return "the file controls its own transactions (" + Keywords.leading(st.sql(), 1) + " at "
                        + source.name() + ":" + st.line() + ")";
            }
        }
        return "";
    }

    /** The first two words, read once per statement. */
    private static String words(SqlStatement s) {
        return Keywords.leading(s.sql(), 2);
    }

    private static boolean isBegin(String w) {
        return w.equals("BEGIN") || w.startsWith("BEGIN TRANSACTION") || w.startsWith("BEGIN WORK")
                || w.startsWith("BEGIN ISOLATION") || w.startsWith("BEGIN READ") || w.startsWith("START TRANSACTION");
    }

    private static boolean isCommit(String w) {
        return w.equals("COMMIT") || w.equals("END") || w.equals("COMMIT WORK") || w.equals("COMMIT TRANSACTION")
                || w.equals("END WORK") || w.equals("END TRANSACTION") || w.equals("COMMIT AND");
    }

    private static boolean isRollback(String w) {
        return w.equals("ROLLBACK") || w.equals("ABORT") || w.equals("ROLLBACK WORK") || w.equals("ROLLBACK TRANSACTION");
    }
}
