package dev.cairn.sql;

import java.util.List;
import java.util.Objects;

/**
 * One statement of a script, as {@code psql} would send it.
 *
 * @param line     the 1-based line of the file on which the statement's first character is
 * @param column   the 1-based column of that character, counted in characters (code points)
 * @param sql      the statement text, byte for byte as psql sends it: the terminating {@code ;} is
 *                 included, leading whitespace and {@code --} comments are not, nor are empty lines
 *                 outside quotes and comments, nor the newline ending a last statement without {@code ;}
 * @param copyData for {@code COPY ... FROM stdin}, the data lines that follow the statement in the file,
 *                 up to but excluding the {@code \.} line, with their line endings as in the file;
 *                 empty text for any other statement
 * @param droppedLines where file lines are not in {@code sql}: for each line left out, the index in
 *                 {@code sql} at which it was (psql's empty lines outside quotes and comments, COPY data
 *                 that a statement spans), in order; empty for almost every statement
 */
public record SqlStatement(int line, int column, String sql, String copyData, List<Integer> droppedLines) {

    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(copyData, "copyData");
        droppedLines = List.copyOf(droppedLines);
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column start at 1, were " + line + ":" + column);
        }
    }

    /** A statement whose text holds every line of the file it spans. */
    public SqlStatement(int line, int column, String sql, String copyData) {
        this(line, column, sql, copyData, List.of());
    }

    /**
     * Whether this is a {@code COPY ... FROM stdin} whose data is {@link #copyData()}; such a statement
     * must be sent through the driver's COPY API, not as a plain statement.
     */
    public boolean isCopyFromStdin() {
        // The data may legitimately be empty, so the statement text itself decides.
        return !copyData.isEmpty() || SqlSplitter.copiesFromStdin(sql);
    }

    /**
     * Whether the statement holds nothing but comments, whitespace and its {@code ;}: the server's
     * empty query. psql sends such a buffer (a comment-only tail of a file, a lone {@code ;}), so the
     * splitter returns it too; this says that it does nothing.
     */
    public boolean isEmpty() {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = blockCommentEnd(i);
            } else if (c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }

    /** Just after the (nested) block comment opening at {@code open}; the splitter made sure it closes. */
    private int blockCommentEnd(int open) {
        return blockCommentEnd(sql, open);
    }

    /** Just after the (nested) block comment of {@code sql} opening at {@code open}, or its end when unclosed. */
    private static int blockCommentEnd(String sql, int open) {
        int depth = 0;
        int i = open + 2;
        while (i < sql.length()) {
            if (sql.startsWith("*/", i)) {
                i += 2;
                if (depth-- == 0) {
                    return i;
                }
            } else if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else {
                i++;
            }
        }
        return i;
    }
}
