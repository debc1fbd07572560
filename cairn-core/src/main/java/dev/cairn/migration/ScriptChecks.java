package dev.cairn.migration;

import dev.cairn.sql.Keywords;
import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import dev.cairn.sql.SqlStatement;
import dev.cairn.sql.SqlSyntaxException;
import dev.cairn.sql.TransactionControl;
import java.util.List;
import java.util.Optional;

/**
 * The checks of a migration's scripts that discovery makes, so that every command (and
 * {@code validate}) reports them before anything runs: an up script must split and hold SQL, and
 * neither script may leave a transaction open or end one it did not begin.
 */
final class ScriptChecks {

    private ScriptChecks() {
    }

    /**
     * What is wrong with a part's scripts, found before anything runs: an up script that does not
     * split or holds no SQL, and transaction control that does not balance in either script.
     */
    static Optional<Problem> problem(Part p) {
        try {
            if (p.up().isPresent()) {
                SqlSource up = p.up().get();
                List<SqlStatement> statements = SqlSplitter.split(up);
                if (statements.stream().allMatch(st -> Keywords.onlyComments(st.sql()))) {
                    return Optional.of(new Problem("file.empty-up", up.name() + ": it has no SQL; write it or delete"
                            + " the file (its up script holds only comments or blank lines)"));
                }
                Optional<String> unbalanced = TransactionControl.unbalanced(statements, up.name());
                if (unbalanced.isPresent()) {
                    return unbalanced.map(m -> new Problem("file.transaction-control", m));
                }
            }
        } catch (SqlSyntaxException e) {
            return Optional.of(new Problem(e.code(), e.getMessage()));
        }
        return p.down().filter(ScriptChecks::mayControlTransactions).flatMap(down -> {
            try {
                return TransactionControl.unbalanced(SqlSplitter.split(down), down.name());
            } catch (SqlSyntaxException e) {
                return Optional.empty(); // reported by the rollback that would run it, with its line
            }
        }).map(m -> new Problem("file.transaction-control", m));
    }

    /** A cheap test before splitting a down script: only a script holding one of these words can hold transaction control. */
    private static boolean mayControlTransactions(SqlSource script) {
        String t = script.text();
        for (String word : List.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "PREPARE")) {
            if (Keywords.containsIgnoreCase(t, word)) {
                return true;
            }
        }
        return false;
    }
}
