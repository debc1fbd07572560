package dev.cairn.dialect.postgres;

import dev.cairn.dialect.DatabaseStats;
import dev.cairn.error.Next;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Catalog queries: what {@code reset} drops and what {@code status} measures. The DROP
 * statements are written by the server ({@code format('%I')}, {@code regprocedure}), so every
 * name is quoted by PostgreSQL itself. Objects that belong to an extension ({@code pg_depend}
 * deptype {@code e}) are left to their extension.
 */
final class PgCatalog {

    private static final String NOT_EXTENSION = " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
            + " WHERE d.classid = '%s'::regclass AND d.objid = %s AND d.deptype = 'e')";

    /** Tables, views, materialized views, foreign tables; sequences a column owns go with their table. */
    private static final String RELATIONS = "SELECT format('DROP %s IF EXISTS %I.%I CASCADE', CASE c.relkind"
            + " WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'"
            + " WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, n.nspname, c.relname)"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition"
            + " AND NOT (n.nspname || '.' || c.relname = ANY (?))"
            + " AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
            + " WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))"
            + NOT_EXTENSION.formatted("pg_catalog.pg_class", "c.oid")
            + " ORDER BY CASE c.relkind WHEN 'S' THEN 1 ELSE 0 END, c.oid";

    private static final String ROUTINES = "SELECT format('DROP %s IF EXISTS %s CASCADE',"
            + " CASE p.prokind WHEN 'a' THEN 'AGGREGATE' ELSE 'ROUTINE' END, p.oid::regprocedure)"
            + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE n.nspname = ANY (?)" + NOT_EXTENSION.formatted("pg_catalog.pg_proc", "p.oid")
            + " ORDER BY p.oid";

    private static final String TYPES = "SELECT format('DROP %s IF EXISTS %s CASCADE',"
            + " CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype)"
            + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE n.nspname = ANY (?) AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c'"
            + " AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c'))"
            + NOT_EXTENSION.formatted("pg_catalog.pg_type", "t.oid")
            + " ORDER BY t.oid";

    private PgCatalog() {
    }

    static List<String> dropStatements(Connection c, List<String> schemas, List<String> keep) throws SQLException {
        List<String> out = new ArrayList<>();
        Array names = c.createArrayOf("text", schemas.toArray());
        for (String query : List.of(RELATIONS, ROUTINES, TYPES)) {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setArray(1, names);
                if (query.equals(RELATIONS)) {
                    ps.setArray(2, c.createArrayOf("text", keep.toArray()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    /** A schema of the server's own ({@code pg_catalog}, {@code pg_toast}, temporary schemas) or the SQL standard's. */
    private static final String SYSTEM = "(%1$s LIKE 'pg\\_%%' OR %1$s = 'information_schema')";

    /** A schema an extension created, which belongs to it. */
    private static final String EXTENSION_SCHEMA = "(SELECT e.extname FROM pg_catalog.pg_depend d"
            + " JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid WHERE d.classid = 'pg_catalog.pg_namespace'::regclass"
            + " AND d.objid = %s AND d.deptype = 'e' LIMIT 1)";

    /** Why reset must not empty each of the schemas, one line per refused schema; empty when all may be emptied. */
    static List<String> resetRefusals(Connection c, List<String> schemas) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.name, n.oid IS NOT NULL, " + SYSTEM.formatted("s.name")
                + ", " + EXTENSION_SCHEMA.formatted("n.oid") + " FROM unnest(?::text[]) WITH ORDINALITY AS s(name, i)"
                + " LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = s.name ORDER BY s.i")) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (rs.getBoolean(3)) {
                        out.add("schema " + name + " is a system schema; reset never empties it");
                    } else if (!rs.getBoolean(2)) {
                        out.add("schema " + name + " does not exist in this database; check the name ("
                                + Next.setting("schema")
                                + "), or leave it out");
                    } else if (rs.getString(4) != null) {
                        out.add("schema " + name + " belongs to the extension " + rs.getString(4)
                                + "; reset leaves it to its extension");
                    }
                }
            }
        }
        return out;
    }

    /**
     * The schemas reset empties when none are named: {@code named} (those that exist), and every
     * other schema holding a table that no extension owns; never a system or extension schema.
     */
    static List<String> resetSchemas(Connection c, List<String> named) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname FROM pg_catalog.pg_namespace n"
                + " WHERE NOT " + SYSTEM.formatted("n.nspname") + " AND " + EXTENSION_SCHEMA.formatted("n.oid") + " IS NULL"
                + " AND (n.nspname = ANY (?) OR EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid"
                + " AND c.relkind IN ('r', 'p')" + NOT_EXTENSION.formatted("pg_catalog.pg_class", "c.oid") + "))"
                + " ORDER BY n.nspname")) {
            ps.setArray(1, c.createArrayOf("text", named.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** {@code DROP SCHEMA ... CASCADE} for each of the schemas that exists and holds no extension. */
    static List<String> dropSchemas(Connection c, List<String> schemas) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT format('DROP SCHEMA %I CASCADE', n.nspname)"
                + " FROM pg_catalog.pg_namespace n WHERE n.nspname = ANY (?) AND NOT " + SYSTEM.formatted("n.nspname")
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension e WHERE e.extnamespace = n.oid)"
                + " AND " + EXTENSION_SCHEMA.formatted("n.oid") + " IS NULL ORDER BY n.nspname")) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * The database's size and its ten largest tables. {@code pg_database_size} stat()s every file of
     * every relation (1.2 s at 10,000 tables), so unless {@code exact} the size is the catalog's page
     * counts ({@code relpages}, as of each relation's last VACUUM, ANALYZE or CREATE INDEX) times the
     * block size, with the estimates of the largest tables replaced by their measured sizes.
     */
    static DatabaseStats stats(Connection c, boolean exact) throws SQLException {
        String userTables = " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'";
        long size;
        int tables;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + (exact
                ? "pg_catalog.pg_database_size(pg_catalog.current_database())"
                : "(SELECT sum(relpages)::bigint FROM pg_catalog.pg_class)"
                + " * pg_catalog.current_setting('block_size')::bigint")
                + ", (SELECT count(*)" + userTables + ")");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            size = rs.getLong(1);
            tables = rs.getInt(2);
        }
        List<DatabaseStats.TableSize> largest = new ArrayList<>();
        long estimatedLargest = 0;
        long measuredLargest = 0;
        // Sizing every relation stat()s all its files (seconds at 10,000 tables): pick the ten largest
        // candidates from the catalog's page counts (as of the last VACUUM/ANALYZE), then size only
        // those, a few more to be safe, exactly. Their page counts (table, TOAST, and the indexes of
        // both) are returned too, so the estimate can use the measured sizes instead.
        try (PreparedStatement ps = c.prepareStatement("SELECT t.name, pg_catalog.pg_total_relation_size(t.oid) AS bytes,"
                + " t.pages * pg_catalog.current_setting('block_size')::bigint"
                + " FROM (SELECT format('%I.%I', n.nspname, c.relname) AS name, c.oid, c.relpages"
                + " + coalesce((SELECT relpages FROM pg_catalog.pg_class t WHERE t.oid = c.reltoastrelid), 0)"
                + " + coalesce((SELECT sum(i.relpages) FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i"
                + " ON i.oid = x.indexrelid WHERE x.indrelid IN (c.oid, c.reltoastrelid)), 0) AS pages,"
                + " c.relpages + coalesce((SELECT relpages FROM pg_catalog.pg_class t"
                + " WHERE t.oid = c.reltoastrelid), 0) AS ranking" + userTables
                + " ORDER BY ranking DESC LIMIT 30) t ORDER BY bytes DESC, 1 LIMIT 10");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                largest.add(new DatabaseStats.TableSize(rs.getString(1), rs.getLong(2)));
                measuredLargest += rs.getLong(2);
                estimatedLargest += rs.getLong(3);
            }
        }
        if (!exact) {
            size = Math.max(0, size - estimatedLargest) + measuredLargest;
        }
        return new DatabaseStats(size, tables, largest, exact);
    }

    static String currentSchema(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.current_schema()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1) == null ? "public" : rs.getString(1);
        }
    }
}
