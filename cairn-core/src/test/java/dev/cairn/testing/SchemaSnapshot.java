package dev.cairn.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The user-visible schema of a database as sorted lines of text, read from the catalog over JDBC
 * (pg_dump may be missing): schemas, tables with their columns, types, defaults and row security,
 * indexes, constraints, views, sequences, functions, triggers, policies, enum/composite/domain types
 * and comments. Cairn's own tables ({@code cairn_*}) are left out, so that "everything rolled back"
 * is an empty snapshot.
 */
public final class SchemaSnapshot {

    /** Schemas of the system and of extensions that a migration does not own. */
    private static final String USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
            + " AND n.nspname NOT LIKE 'pg_temp_%' AND n.nspname NOT LIKE 'pg_toast_temp_%'";

    private static final List<String> QUERIES = List.of(
            "SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE " + USER_SCHEMA + " AND n.nspname <> 'public'",
            "SELECT 'relation ' || c.relkind::text || ' ' || n.nspname || '.' || c.relname"
                    + " || CASE WHEN c.relrowsecurity THEN ' row-security' ELSE '' END"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE " + USER_SCHEMA + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')",
            "SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '"
                    + " || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
                    + " || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
                    + " || CASE a.attidentity WHEN 'a' THEN ' identity always' WHEN 'd' THEN ' identity by default' ELSE '' END"
                    + " || CASE a.attgenerated WHEN 's' THEN ' generated' ELSE '' END"
                    + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE " + USER_SCHEMA + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')"
                    + " AND a.attnum > 0 AND NOT a.attisdropped",
            "SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMA,
            "SELECT 'constraint ' || n.nspname || '.' || coalesce(r.relname, t.typname, '') || '.' || co.conname || ' '"
                    + " || pg_get_constraintdef(co.oid) FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace"
                    + " LEFT JOIN pg_class r ON r.oid = co.conrelid LEFT JOIN pg_type t ON t.oid = co.contypid"
                    + " WHERE " + USER_SCHEMA,
            "SELECT 'view ' || n.nspname || '.' || c.relname || ' ' || pg_get_viewdef(c.oid)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE " + USER_SCHEMA + " AND c.relkind IN ('v', 'm')",
            "SELECT 'function ' || pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE " + USER_SCHEMA + " AND p.prokind IN ('f', 'p')"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')",
            "SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMA + " AND NOT t.tgisinternal",
            "SELECT 'policy ' || schemaname || '.' || tablename || '.' || policyname || ' ' || cmd || ' '"
                    + " || array_to_string(roles, ',') || ' using ' || coalesce(qual, '') || ' check ' || coalesce(with_check, '')"
                    + " FROM pg_policies",
            "SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || CASE t.typtype"
                    + " WHEN 'e' THEN 'enum (' || (SELECT string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder)"
                    + " FROM pg_enum e WHERE e.enumtypid = t.oid) || ')'"
                    + " WHEN 'd' THEN 'domain ' || format_type(t.typbasetype, t.typtypmod)"
                    + " ELSE 'composite' END"
                    + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " LEFT JOIN pg_class c ON c.oid = t.typrelid"
                    + " WHERE " + USER_SCHEMA + " AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND c.relkind = 'c'))",
            "SELECT 'comment ' || n.nspname || '.' || c.relname || coalesce('.' || a.attname, '') || ' ' || d.description"
                    + " FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0"
                    + " WHERE " + USER_SCHEMA);

    private SchemaSnapshot() {
    }

    /** The sorted lines describing every user object, without Cairn's own tables. */
    public static List<String> of(Connection connection) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            for (String q : QUERIES) {
                try (ResultSet rs = s.executeQuery(q)) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
            }
        }
        return lines.stream().filter(l -> !l.contains("cairn_")).sorted().toList();
    }

    /** The snapshot of a test database. */
    public static List<String> of(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return of(c);
        }
    }
}
