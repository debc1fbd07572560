package dev.cairn.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a user would call "the database": every object of the non-system schemas with its
 * definition, and every row of every table, as sorted text. Two equal snapshots mean nothing
 * changed; read over JDBC, so it needs no pg_dump.
 */
public final class Snapshot {

    private static final String USER_SCHEMAS = " NOT IN ('pg_catalog', 'information_schema') AND %s NOT LIKE 'pg\\_%%'";

    private static final List<String> SCHEMA_QUERIES = List.of(
            "SELECT format('column %I.%I.%I %s %s %s', table_schema, table_name, column_name, data_type,"
                    + " is_nullable, coalesce(column_default, '')) FROM information_schema.columns"
                    + " WHERE table_schema" + USER_SCHEMAS.formatted("table_schema"),
            "SELECT format('relation %I.%I %s', n.nspname, c.relname, c.relkind) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname" + USER_SCHEMAS.formatted("n.nspname"),
            "SELECT format('index %s', pg_get_indexdef(i.indexrelid)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname" + USER_SCHEMAS.formatted("n.nspname"),
            "SELECT format('constraint %s %s', conname, pg_get_constraintdef(c.oid)) FROM pg_constraint c"
                    + " JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname" + USER_SCHEMAS.formatted("n.nspname"),
            "SELECT format('view %I.%I %s', schemaname, viewname, definition) FROM pg_views"
                    + " WHERE schemaname" + USER_SCHEMAS.formatted("schemaname"),
            "SELECT format('routine %s %s', p.oid::regprocedure, md5(pg_get_functiondef(p.oid))) FROM pg_proc p"
                    + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p')"
                    + " AND n.nspname" + USER_SCHEMAS.formatted("n.nspname"),
            "SELECT format('trigger %s', pg_get_triggerdef(t.oid)) FROM pg_trigger t WHERE NOT t.tgisinternal",
            "SELECT format('type %s %s', t.oid::regtype, t.typtype) FROM pg_type t JOIN pg_namespace n"
                    + " ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'r')"
                    + " AND n.nspname" + USER_SCHEMAS.formatted("n.nspname"));

    private Snapshot() {
    }

    /** The schema only: objects and definitions. */
    public static String schema(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            List<String> lines = new ArrayList<>();
            for (String q : SCHEMA_QUERIES) {
                lines.addAll(rows(c, q));
            }
            lines.sort(null);
            return String.join("\n", lines);
        }
    }

    /** The schema and every row of every table. */
    public static String full(TestDatabase db) throws SQLException {
        StringBuilder out = new StringBuilder(schema(db));
        try (Connection c = db.connect()) {
            for (String table : rows(c, "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables"
                    + " WHERE table_type = 'BASE TABLE' AND table_schema" + USER_SCHEMAS.formatted("table_schema")
                    + " ORDER BY 1")) {
                List<String> data = rows(c, "SELECT t::text FROM " + table + " t");
                data.sort(null);
                out.append("\n-- ").append(table).append('\n').append(String.join("\n", data));
            }
        }
        return out.toString();
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
