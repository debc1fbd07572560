package dev.cairn.sql;

import java.util.Objects;

/**
 * One statement of a script, as {@code psql} would send it.
 *
 * @param line     the 1-based line of the file on which the statement's first character is
 * @param column   the 1-based column of that character, counted in characters (code points)
 * @param sql      the statement text, byte for byte as in the file: the terminating {@code ;} is
 *                 included, leading whitespace and {@code --} comments are not
 * @param copyData for {@code COPY ... FROM stdin}, the data lines that follow the statement in the file,
 *                 up to but excluding the {@code \.} line, with their line endings as in the file;
 *                 empty text for any other statement
 */
public record SqlStatement(int line, int column, String sql, String copyData) {

    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(copyData, "copyData");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column start at 1, were " + line + ":" + column);
        }
    }

    /**
     * Whether this is a {@code COPY ... FROM stdin} whose data is {@link #copyData()}; such a statement
     * must be sent through the driver's COPY API, not as a plain statement.
     */
    public boolean isCopyFromStdin() {
        // The data may legitimately be empty, so the statement text itself decides.
        return !copyData.isEmpty() || SqlSplitter.copiesFromStdin(sql);
    }
}
