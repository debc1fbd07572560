package dev.cairn.history.foreign;

import dev.cairn.config.TableName;
import dev.cairn.dialect.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Another tool's history table, ready to read.
 *
 * @param table     schema-qualified
 * @param columns   its column names, lower case
 * @param locations the migrations directories (drizzle's journal lives there)
 */
public record Source(Connection connection, Dialect dialect, TableName table, Set<String> columns,
                     List<Path> locations) {

    public Source {
        columns = Set.copyOf(columns);
        locations = List.copyOf(locations);
    }

    String qualified() {
        return dialect.qualified(table);
    }

    String quote(String column) {
        return dialect.quote(column);
    }

    boolean has(String column) {
        return columns.contains(column.toLowerCase(Locale.ROOT));
    }

    /** The first of {@code candidates} the table has. */
    java.util.Optional<String> first(List<String> candidates) {
        return candidates.stream().filter(this::has).findFirst();
    }
}
