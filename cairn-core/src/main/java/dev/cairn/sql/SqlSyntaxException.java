package dev.cairn.sql;

import dev.cairn.error.CairnException;

/**
 * A script cannot be split: a quote, comment or COPY block is never closed ({@code sql.unterminated}),
 * or it holds a psql meta-command ({@code sql.meta-command}). Nothing has been sent to the database.
 *
 * <p>The message reads {@code <name>:<line>:<column>: <what> <what next>}, where line and column are
 * those of the file and point at where the offending construct starts.
 */
public final class SqlSyntaxException extends CairnException {

    /** Stable code: a quote, comment or COPY data block is still open at the end of the script. */
    public static final String UNTERMINATED = "sql.unterminated";
    /** Stable code: a psql backslash command appears outside quotes and comments. */
    public static final String META_COMMAND = "sql.meta-command";

    private final int line;
    private final int column;

    SqlSyntaxException(String code, String sourceName, int line, int column, String problem) {
        super(Kind.USAGE, code, sourceName + ":" + line + ":" + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the file where the offending construct starts. */
    public int line() {
        return line;
    }

    /** The 1-based column, in characters, where the offending construct starts. */
    public int column() {
        return column;
    }
}
