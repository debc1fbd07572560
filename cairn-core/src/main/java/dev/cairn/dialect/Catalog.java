package dev.cairn.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Capability: reading the server's catalog. The schema model ({@code snapshot}, {@code drift},
 * {@code verify}, {@code generate}, {@code lint}), the database's size ({@code status}), and what
 * {@code reset} drops.
 */
public interface Catalog {

    /** The schema unqualified names resolve to. */
    String currentSchema(Connection connection) throws SQLException;

    /** The database's size, measured on disk, and its largest tables. */
    default DatabaseStats stats(Connection connection) throws SQLException {
        return stats(connection, true);
    }

    /**
     * The database's size and its largest tables; unless {@code exact}, the size is estimated from
     * the catalog, without touching every relation's files.
     */
    DatabaseStats stats(Connection connection, boolean exact) throws SQLException;

    /**
     * The schema model read from the catalog, without objects owned by extensions and without the
     * tables in {@code excluded} (unquoted {@code schema.table}) and what hangs off them.
     */
    default dev.cairn.schema.SchemaModel schema(Connection connection, Set<String> excluded) throws SQLException {
        return schema(connection, excluded, false);
    }

    /** Like {@link #schema(Connection, Set)}; with {@code grants}, every role's privileges too. */
    dev.cairn.schema.SchemaModel schema(Connection connection, Set<String> excluded, boolean grants)
            throws SQLException;

    /**
     * The statements that drop every object in the schemas (tables, views, materialized views,
     * sequences, functions, procedures, aggregates, types, domains; triggers go with their tables),
     * leaving objects that belong to extensions alone, and the tables in {@code keep}
     * (unquoted {@code schema.table}).
     */
    List<String> dropStatements(Connection connection, List<String> schemas, List<String> keep) throws SQLException;

    /**
     * Why {@code reset} must not empty each of the schemas (it does not exist, it is a system schema,
     * an extension owns it), one line per refused schema; empty when every one may be emptied.
     */
    List<String> resetRefusals(Connection connection, List<String> schemas) throws SQLException;

    /**
     * The schemas {@code reset} empties when none are named: those of {@code named} that exist, and
     * every other non-system schema holding a table no extension owns; never a system or extension schema.
     */
    List<String> resetSchemas(Connection connection, List<String> named) throws SQLException;

    /** The statements that drop the schemas themselves (those that exist and hold no extension), with what is left in them. */
    List<String> dropSchemas(Connection connection, List<String> schemas) throws SQLException;
}
