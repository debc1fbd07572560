package dev.cairn.dialect.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the views of a database are built on, from {@code pg_depend} through their rewrite rules:
 * the relations each view reads (to create and drop views in dependency order) and the columns
 * (so that a view over a column whose type changes or which is dropped is dropped first and
 * created again after). One query.
 *
 * @param viewReads   qualified view to the qualified relations (tables and views) it reads
 * @param columnViews qualified {@code schema.table.column} to the qualified views that read it
 */
public record PgDependencies(Map<String, Set<String>> viewReads, Map<String, Set<String>> columnViews) {

    private static final String VIEWS = "SELECT DISTINCT vn.nspname || '.' || v.relname,"
            + " rn.nspname || '.' || r.relname, coalesce(a.attname, '')"
            + " FROM pg_rewrite w JOIN pg_class v ON v.oid = w.ev_class JOIN pg_namespace vn ON vn.oid = v.relnamespace"
            + " JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid"
            + " AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'n'"
            + " JOIN pg_class r ON r.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = r.relnamespace"
            + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND d.refobjsubid > 0"
            + " WHERE v.relkind IN ('v', 'm') AND r.oid <> v.oid";

    public PgDependencies {
        viewReads = Map.copyOf(viewReads);
        columnViews = Map.copyOf(columnViews);
    }

    /** No dependencies: a database with no views. */
    public static PgDependencies none() {
        return new PgDependencies(Map.of(), Map.of());
    }

    /** Reads the dependencies of every view in the database. */
    public static PgDependencies read(Connection c) throws SQLException {
        Map<String, Set<String>> reads = new HashMap<>();
        Map<String, Set<String>> columns = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(VIEWS)) {
            while (rs.next()) {
                String view = rs.getString(1);
                String relation = rs.getString(2);
                reads.computeIfAbsent(view, k -> new LinkedHashSet<>()).add(relation);
                if (!rs.getString(3).isEmpty()) {
                    columns.computeIfAbsent(relation + "." + rs.getString(3), k -> new LinkedHashSet<>()).add(view);
                }
            }
        }
        return new PgDependencies(reads, columns);
    }

    /** The views that read {@code relation} (a table or view), directly. */
    Set<String> readersOf(String relation) {
        Set<String> out = new LinkedHashSet<>();
        viewReads.forEach((view, rels) -> {
            if (rels.contains(relation)) {
                out.add(view);
            }
        });
        return out;
    }

    /** The views that read the column, directly. */
    Set<String> readersOfColumn(String table, String column) {
        return columnViews.getOrDefault(table + "." + column, Set.of());
    }
}
