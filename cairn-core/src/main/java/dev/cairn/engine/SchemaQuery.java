package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.error.CairnException;
import dev.cairn.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The schemas a fan-out runs in: the first column of the rows a query of the user's returns
 * ({@code SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\_%'}), in order, each once. The
 * query runs in a read-only transaction, so it cannot change anything itself.
 */
public final class SchemaQuery {

    private final Configuration config;

    public SchemaQuery(Configuration config) {
        this.config = config;
    }

    /**
     * @throws CairnException a usage error (exit 2) when the query fails, returns a null or blank name, or
     *                        returns no rows: nothing was run on any schema
     */
    public List<String> run(String query) {
        Set<String> schemas = new LinkedHashSet<>();
        try (Connection c = config.connection().open()) {
            // Not Transaction.run: a read-only transaction, never committed, whatever the query does.
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name == null || name.isBlank()) {
                        throw CairnException.usage("fanout.schemas-query", "--schemas-query returned "
                                + (name == null ? "NULL" : "a blank name") + " in row " + rs.getRow()
                                + "; it must return schema names in its first column. Nothing was run");
                    }
                    schemas.add(name);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw CairnException.usage("fanout.schemas-query", "--schemas-query failed on "
                    + config.connection().describe() + ": " + Jdbc.error(e).describe() + ". Nothing was run");
        }
        if (schemas.isEmpty()) {
            throw CairnException.usage("fanout.schemas-query", "--schemas-query returned no schemas on "
                    + config.connection().describe() + "; nothing was run. Check the query (it must return schema"
                    + " names in its first column)");
        }
        return List.copyOf(new ArrayList<>(schemas));
    }
}
