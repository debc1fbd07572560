package dev.cairn.engine;

import dev.cairn.sql.SqlStatement;

/** Maps the server's error position (a character offset in a statement) to the file's line:column. */
final class Positions {

    private Positions() {
    }

    /** {@code line:column} in the file, or empty text when the server gave no position. */
    static String locate(SqlStatement statement, int position) {
        if (position <= 0) {
            return "";
        }
        String sql = statement.sql();
        int line = statement.line();
        int column = statement.column();
        int end = Math.min(position - 1, sql.length());
        var dropped = statement.droppedLines();
        int d = 0;
        for (int i = 0; i < end; i++) {
            while (d < dropped.size() && dropped.get(d) <= i) {
                line++; // a file line psql does not send (an empty line, COPY data) was here
                d++;
            }
            char c = sql.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        while (d < dropped.size() && dropped.get(d) <= end) {
            line++;
            d++;
        }
        return line + ":" + column;
    }
}
