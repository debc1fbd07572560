package dev.cairn.config;

import dev.cairn.error.CairnException;
import java.util.Optional;

/**
 * The name of a table Cairn owns, optionally schema-qualified ({@code ops.cairn_history}).
 * Names are kept as written and quoted by the dialect, never pasted into SQL.
 */
public record TableName(Optional<String> schema, String name) {

    public TableName {
        if (name.isBlank() || schema.map(String::isBlank).orElse(false)) {
            throw CairnException.usage("config.table", "table name must not be empty");
        }
    }

    /** Parses {@code name} or {@code schema.name}. */
    public static TableName parse(String text) {
        String t = text.strip();
        int dot = t.indexOf('.');
        if (dot < 0) {
            return new TableName(Optional.empty(), t);
        }
        if (t.indexOf('.', dot + 1) >= 0) {
            throw CairnException.usage("config.table", "table name '" + text + "' has more than one '.';"
                    + " write it as schema.table");
        }
        return new TableName(Optional.of(t.substring(0, dot)), t.substring(dot + 1));
    }

    /** A sibling table in the same schema, such as the lock table next to the history table. */
    public TableName sibling(String suffix) {
        return new TableName(schema, name + suffix);
    }

    @Override
    public String toString() {
        return schema.map(s -> s + "." + name).orElse(name);
    }
}
