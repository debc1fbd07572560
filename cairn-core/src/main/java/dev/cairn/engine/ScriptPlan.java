package dev.cairn.engine;

import dev.cairn.dialect.Dialect;
import dev.cairn.migration.Migration;
import dev.cairn.sql.Keywords;
import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import dev.cairn.sql.SqlStatement;
import dev.cairn.sql.TransactionControl;
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
        return of(source, SqlSplitter.split(source), mode, dialect, serverMajor);
    }

    /** As {@link #of(SqlSource, Migration.Transaction, Dialect, int)}, with the script already split into {@code split}. */
    static ScriptPlan of(SqlSource source, List<SqlStatement> split, Migration.Transaction mode, Dialect dialect,
                         int serverMajor) {
        List<SqlStatement> statements = new ArrayList<>(split);
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
        List<SqlStatement> inner = TransactionControl.unwrapped(s);
        s.clear();
        s.addAll(inner);
        for (SqlStatement st : inner) {
            if (TransactionControl.of(st) != TransactionControl.Kind.NONE) {
                return "the file controls its own transactions (" + Keywords.leading(st.sql(), 1) + " at "
                        + source.name() + ":" + st.line() + ")";
            }
        }
        return "";
    }
}
