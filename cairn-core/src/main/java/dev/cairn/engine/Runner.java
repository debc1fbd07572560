package dev.cairn.engine;

import dev.cairn.dialect.Copy;
import dev.cairn.dialect.Dialect;
import dev.cairn.sql.Keywords;
import dev.cairn.sql.SqlStatement;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a script's statements to the server. In a transaction, runs of statements that return no
 * rows go as one JDBC batch, which the driver pipelines instead of waiting for each reply; the
 * failing statement is still known from the batch's update counts.
 */
final class Runner {

    /** Statements that never return rows, and so may share a batch. */
    private static final Set<String> BATCHABLE = Set.of("CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE", "DO",
            "TRUNCATE", "INSERT", "UPDATE", "DELETE", "REFRESH", "SET", "RESET", "ANALYZE", "LOCK", "SECURITY",
            "REINDEX", "CLUSTER", "SAVEPOINT", "RELEASE", "NOTIFY", "DISCARD");

    private static final int MAX_BATCH = 500;
    private static final Pattern COPY_TO_STDOUT = Pattern.compile("(?is)^\\s*COPY\\b.*\\bTO\\s+STD(OUT|IN)\\b"); // the server takes TO STDIN as TO STDOUT
    private static final Pattern FIRST_NUMBER = Pattern.compile("\\d{1,3}");

    private final Connection connection;
    private final Dialect dialect;

    Runner(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** A statement failed; {@code index} is its position in the list, so {@code index} statements completed. */
    static final class StatementFailure extends Exception {
        final int index;
        final SQLException cause;

        StatementFailure(int index, SQLException cause) {
            super(cause);
            this.index = index;
            this.cause = cause;
        }
    }

    /** Runs every statement; batches them when {@code pipelined}. */
    void run(List<SqlStatement> statements, boolean pipelined) throws StatementFailure {
        int i = 0;
        while (i < statements.size()) {
            int end = i;
            if (pipelined) {
                while (end < statements.size() && end - i < MAX_BATCH && batchable(statements.get(end))) {
                    end++;
                }
            }
            if (end - i >= 2) {
                batch(statements, i, end);
                i = end;
            } else {
                single(statements.get(i), i);
                i++;
            }
        }
    }

    private void batch(List<SqlStatement> statements, int from, int to) throws StatementFailure {
        try (Statement s = connection.createStatement()) {
            for (int i = from; i < to; i++) {
                s.addBatch(statements.get(i).sql());
            }
            s.executeBatch();
        } catch (BatchUpdateException e) {
            throw new StatementFailure(from + failedEntry(e, to - from), e);
        } catch (SQLException e) {
            throw new StatementFailure(from, e);
        }
    }

    /**
     * Which entry of the batch failed. Inside a transaction pgjdbc marks every entry
     * EXECUTE_FAILED, since nothing is committed, but its message names the entry it aborted
     * ("Batch entry 3 ... was aborted"); batches are kept under 1,000 entries so that the number
     * carries no digit grouping in any locale.
     */
    private static int failedEntry(BatchUpdateException e, int size) {
        Matcher m = FIRST_NUMBER.matcher(String.valueOf(e.getMessage()));
        if (m.find()) {
            int n = Integer.parseInt(m.group());
            if (n >= 0 && n < size) {
                return n;
            }
        }
        return 0;
    }

    private void single(SqlStatement st, int index) throws StatementFailure {
        try {
            if (st.isCopyFromStdin()) {
                dialect.require(Copy.class, "COPY ... FROM STDIN").copyIn(connection, st.sql(), st.copyData());
                return;
            }
            if (COPY_TO_STDOUT.matcher(st.sql()).find()) {
                dialect.require(Copy.class, "COPY ... TO STDOUT").copyOut(connection, st.sql());
                return;
            }
            try (Statement s = connection.createStatement()) {
                s.execute(st.sql());
            }
        } catch (SQLException e) {
            throw new StatementFailure(index, e);
        }
    }

    private static boolean batchable(SqlStatement st) {
        String first = Keywords.leading(st.sql(), 1);
        if (st.isCopyFromStdin() || "COPY".equals(first)) {
            return false;
        }
        // The driver reads each batch entry with the standard_conforming_strings of the moment the batch
        // is sent, so a backslash written after a SET of it in the same batch would be misread: such a
        // statement runs alone, after the SET has run.
        return BATCHABLE.contains(first) && !Keywords.containsIgnoreCase(st.sql(), "RETURNING")
                && st.sql().indexOf('\\') < 0;
    }
}
