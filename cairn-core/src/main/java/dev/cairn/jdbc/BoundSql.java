package dev.cairn.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * SQL text with {@code ?} placeholders and the text values bound to them, in order: how the
 * dialect hands a statement to code that sends it together with its own.
 */
public record BoundSql(String sql, List<String> values) {

    public BoundSql {
        values = List.copyOf(values);
    }

    /** Binds the values from parameter {@code first} on; returns the next free parameter index. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (String value : values) {
            ps.setString(i++, value);
        }
        return i;
    }
}
