package dev.cairn.dialect.postgres;

import dev.cairn.schema.SchemaModel;
import dev.cairn.schema.SchemaModel.Column;
import dev.cairn.schema.SchemaModel.Constraint;
import dev.cairn.schema.SchemaModel.ConstraintKind;
import dev.cairn.schema.SchemaModel.Index;
import dev.cairn.schema.SchemaModel.Policy;
import dev.cairn.schema.SchemaModel.Trigger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@link SchemaModel} from the PostgreSQL catalog: one query per object kind, never one
 * per table, so a database of a thousand tables reads in a few round trips (view definitions take
 * one query per 500 views, to stay within the server's lock table). Definitions come from
 * the server's own {@code format_type} and {@code pg_get_*def} functions. Objects that belong to an
 * extension ({@code pg_depend.deptype = 'e'}) and the system schemas are left out.
 */
final class PgSchemaReader {

    /** Not a system schema, a toast schema or another session's temporary schema. */
    private static final String USER = " n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%' ";

    private static String notExtension(String catalog, String oid) {
        return " NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '" + catalog + "'::regclass"
                + " AND x.objid = " + oid + " AND x.deptype = 'e') ";
    }

    private static final String SCHEMAS = "SELECT n.nspname, coalesce(obj_description(n.oid, 'pg_namespace'), '')"
            + " FROM pg_namespace n WHERE" + USER + "AND" + notExtension("pg_namespace", "n.oid");

    private static final String EXTENSIONS = "SELECT e.extname, n.nspname, e.extversion FROM pg_extension e"
            + " JOIN pg_namespace n ON n.oid = e.extnamespace";

    private static final String RELATIONS = "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence,"
            + " c.relrowsecurity, c.relforcerowsecurity,"
            + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) ELSE '' END,"
            + " coalesce(pg_get_expr(c.relpartbound, c.oid), ''),"
            + " coalesce((SELECT string_agg(pn.nspname || '.' || p.relname, ',' ORDER BY i.inhseqno) FROM pg_inherits i"
            + " JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace"
            + " WHERE i.inhrelid = c.oid), ''),"
            + " '',"
            + " coalesce(obj_description(c.oid, 'pg_class'), '')"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND" + USER + "AND" + notExtension("pg_class", "c.oid");

    private static final String COLUMNS = "SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod),"
            + " a.attnotnull, coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity, a.attgenerated,"
            + " CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0"
            + " THEN (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
            + " JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) ELSE '' END,"
            + " coalesce(col_description(a.attrelid, a.attnum), '')"
            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_type t ON t.oid = a.atttypid"
            + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND" + USER
            + " ORDER BY a.attrelid, a.attnum";

    private static final String CONSTRAINTS = "SELECT co.conrelid, co.conname, co.contype,"
            + " pg_get_constraintdef(co.oid), co.convalidated, co.condeferrable, co.condeferred,"
            + " coalesce(fn.nspname || '.' || f.relname, ''), coalesce(obj_description(co.oid, 'pg_constraint'), '')"
            + " FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_class f ON f.oid = co.confrelid LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace"
            + " WHERE" + USER;

    private static final String INDEXES = "SELECT i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid),"
            + " i.indisunique, i.indisvalid, coalesce(obj_description(i.indexrelid, 'pg_class'), '')"
            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace"
            + " WHERE" + USER;

    private static final String TRIGGERS = "SELECT t.tgrelid, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled::text,"
            + " coalesce(obj_description(t.oid, 'pg_trigger'), '')"
            + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE NOT t.tgisinternal AND" + USER;

    private static final String POLICIES = "SELECT p.polrelid, p.polname,"
            + " CASE p.polcmd WHEN 'r' THEN 'select' WHEN 'a' THEN 'insert' WHEN 'w' THEN 'update'"
            + " WHEN 'd' THEN 'delete' ELSE 'all' END, p.polpermissive,"
            + " array_to_string(ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r) END"
            + " FROM unnest(p.polroles) r ORDER BY 1), ','),"
            + " coalesce(pg_get_expr(p.polqual, p.polrelid), ''), coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')"
            + " FROM pg_policy p";

    private static final String SEQUENCES = "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart,"
            + " s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,"
            + " coalesce((SELECT tn.nspname || '.' || tc.relname || '.' || ta.attname FROM pg_depend d"
            + " JOIN pg_class tc ON tc.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace"
            + " JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid"
            + " WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass"
            + " AND d.deptype IN ('a', 'i') ORDER BY 1 LIMIT 1), ''),"
            + " coalesce(obj_description(c.oid, 'pg_class'), '')"
            + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE" + USER + "AND" + notExtension("pg_class", "c.oid");

    private static final String ROUTINES = "SELECT n.nspname, p.proname, p.prokind::text,"
            + " pg_get_function_identity_arguments(p.oid), coalesce(pg_get_function_result(p.oid), ''),"
            + " CASE WHEN p.prokind = 'a' THEN (SELECT 'SFUNC = ' || a.aggtransfn::regproc::text"
            + " || ', STYPE = ' || format_type(a.aggtranstype, NULL)"
            + " || CASE WHEN a.aggfinalfn::oid <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc::text ELSE '' END"
            + " || coalesce(', INITCOND = ' || quote_literal(a.agginitval), '')"
            + " FROM pg_aggregate a WHERE a.aggfnoid = p.oid) ELSE pg_get_functiondef(p.oid) END,"
            + " coalesce(obj_description(p.oid, 'pg_proc'), '')"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE" + USER + "AND" + notExtension("pg_proc", "p.oid");

    private static final String TYPES = "SELECT n.nspname, t.typname, t.typtype::text, CASE t.typtype"
            + " WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)"
            + " FROM pg_enum e WHERE e.enumtypid = t.oid)"
            + " WHEN 'c' THEN (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod),"
            + " ', ' ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0"
            + " AND NOT a.attisdropped)"
            + " WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod)"
            + " || coalesce(' DEFAULT ' || t.typdefault, '') || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END"
            + " || coalesce((SELECT ' ' || string_agg('CONSTRAINT ' || quote_ident(d.conname) || ' '"
            + " || pg_get_constraintdef(d.oid), ' ' ORDER BY d.conname) FROM pg_constraint d WHERE d.contypid = t.oid), '')"
            + " WHEN 'r' THEN (SELECT 'SUBTYPE = ' || format_type(r.rngsubtype, NULL) FROM pg_range r"
            + " WHERE r.rngtypid = t.oid) END,"
            + " coalesce(obj_description(t.oid, 'pg_type'), '')"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE" + USER + "AND" + notExtension("pg_type", "t.oid")
            + " AND (t.typtype IN ('e', 'd', 'r')"
            + " OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))";

    /**
     * Every role's privileges on every object (the owner's own left out), one row per object and
     * grantee: an ACL never changed counts as the kind's defaults ({@code acldefault}), so the read
     * does not depend on whether a default was ever written down.
     */
    private static final String GRANTS = "SELECT g.on_kind, g.obj,"
            + " CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(g.grantee) END,"
            + " string_agg(g.privilege_type || CASE WHEN g.is_grantable THEN '*' ELSE '' END, ', '"
            + " ORDER BY g.privilege_type)"
            + " FROM (SELECT 'schema' AS on_kind, n.nspname AS obj, n.nspowner AS owner,"
            + " (aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner)))).* FROM pg_namespace n"
            + " WHERE" + USER + "AND" + notExtension("pg_namespace", "n.oid")
            + " UNION ALL SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view'"
            + " WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' ELSE 'table' END,"
            + " n.nspname || '.' || c.relname, c.relowner, (aclexplode(coalesce(c.relacl,"
            + " acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::\"char\", c.relowner)))).*"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S') AND" + USER + "AND" + notExtension("pg_class", "c.oid")
            + " UNION ALL SELECT 'column', n.nspname || '.' || c.relname || '.' || a.attname, c.relowner,"
            + " (aclexplode(a.attacl)).* FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND" + USER
            + " UNION ALL SELECT 'function', n.nspname || '.' || p.proname || '('"
            + " || pg_get_function_identity_arguments(p.oid) || ')', p.proowner,"
            + " (aclexplode(coalesce(p.proacl, acldefault('f', p.proowner)))).*"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE" + USER + "AND" + notExtension("pg_proc", "p.oid")
            + " UNION ALL SELECT 'type', n.nspname || '.' || t.typname, t.typowner,"
            + " (aclexplode(coalesce(t.typacl, acldefault('T', t.typowner)))).*"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE" + USER + "AND" + notExtension("pg_type", "t.oid")
            + " AND (t.typtype IN ('e', 'd', 'r')"
            + " OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))) g"
            + " WHERE g.grantee <> g.owner GROUP BY 1, 2, 3";

    /**
     * View definitions, a chunk at a time: {@code pg_get_viewdef} locks each view until the end of the
     * statement, and ten thousand views in one statement overflow the server's lock table
     * (max_locks_per_transaction); in autocommit each chunk releases its locks.
     */
    private static final String VIEW_DEFINITIONS = "SELECT c.oid, pg_get_viewdef(c.oid) FROM pg_class c"
            + " WHERE c.oid = ANY (?::text::oid[])";

    private static final int VIEW_CHUNK = 500;

    private PgSchemaReader() {
    }

    /** One relation while its parts are collected. */
    private static final class Relation {
        final String[] row;
        final List<Column> columns = new ArrayList<>();
        final List<Constraint> constraints = new ArrayList<>();
        final List<Index> indexes = new ArrayList<>();
        final List<Trigger> triggers = new ArrayList<>();
        final List<Policy> policies = new ArrayList<>();

        Relation(String[] row) {
            this.row = row;
        }

        String qualified() {
            return row[1] + "." + row[2];
        }
    }

    /**
     * Reads the model.
     *
     * @param excluded tables left out with everything that hangs off them, as unquoted {@code schema.table}
     * @param grants   whether to read the privileges too (one more query)
     */
    static SchemaModel read(Connection c, Set<String> excluded, boolean grants) throws SQLException {
        try (Statement s = c.createStatement()) {
            List<SchemaModel.Schema> schemas = new ArrayList<>();
            for (String[] r : rows(s, SCHEMAS)) {
                schemas.add(new SchemaModel.Schema(r[0], r[1]));
            }
            List<SchemaModel.Extension> extensions = new ArrayList<>();
            for (String[] r : rows(s, EXTENSIONS)) {
                extensions.add(new SchemaModel.Extension(r[0], r[1], r[2]));
            }
            List<SchemaModel.Table> tables = new ArrayList<>();
            List<SchemaModel.View> views = new ArrayList<>();
            relations(c, s, excluded, tables, views);
            return new SchemaModel(schemas, extensions, tables, views, sequences(s, excluded), routines(s),
                    types(s, excluded), grants ? grants(s, excluded) : List.of());
        }
    }

    /** Tables and views with their columns, constraints, indexes, triggers and policies: six queries in all. */
    private static void relations(Connection c, Statement s, Set<String> excluded, List<SchemaModel.Table> tables,
                                  List<SchemaModel.View> views) throws SQLException {
        Map<String, Relation> relations = new HashMap<>();
        for (String[] r : rows(s, RELATIONS)) {
            Relation rel = new Relation(r);
            if (!excluded.contains(rel.qualified())) {
                relations.put(r[0], rel);
            }
        }
        viewDefinitions(c, relations);
        for (String[] r : rows(s, COLUMNS)) {
            Relation rel = relations.get(r[0]);
            if (rel != null) {
                boolean generated = r[6].equals("s");
                rel.columns.add(new Column(r[1], r[2], r[3].equals("t"), generated ? "" : r[4],
                        switch (r[5]) {
                            case "a" -> "always";
                            case "d" -> "by default";
                            default -> "";
                        }, generated ? r[4] : "", r[7], r[8]));
            }
        }
        for (String[] r : rows(s, CONSTRAINTS)) {
            Relation rel = relations.get(r[0]);
            if (rel != null) {
                rel.constraints.add(new Constraint(r[1], constraintKind(r[2]), r[3], r[4].equals("t"),
                        r[5].equals("t"), r[6].equals("t"), r[7], r[8]));
            }
        }
        for (String[] r : rows(s, INDEXES)) {
            Relation rel = relations.get(r[0]);
            if (rel != null) {
                rel.indexes.add(new Index(r[1], r[2], r[3].equals("t"), r[4].equals("t"), r[5]));
            }
        }
        for (String[] r : rows(s, TRIGGERS)) {
            Relation rel = relations.get(r[0]);
            if (rel != null) {
                rel.triggers.add(new Trigger(r[1], r[2], r[3], r[4]));
            }
        }
        for (String[] r : rows(s, POLICIES)) {
            Relation rel = relations.get(r[0]);
            if (rel != null) {
                rel.policies.add(new Policy(r[1], r[2], r[3].equals("t"), Arrays.asList(r[4].split(",")), r[5],
                        r[6]));
            }
        }
        for (Relation rel : relations.values()) {
            String[] r = rel.row;
            if (r[3].equals("v") || r[3].equals("m")) {
                views.add(new SchemaModel.View(r[1], r[2], r[3].equals("m"), r[10], r[11], rel.columns,
                        rel.indexes));
            } else {
                SchemaModel.TableKind kind = switch (r[3]) {
                    case "p" -> SchemaModel.TableKind.PARTITIONED;
                    case "f" -> SchemaModel.TableKind.FOREIGN;
                    default -> r[4].equals("u") ? SchemaModel.TableKind.UNLOGGED : SchemaModel.TableKind.ORDINARY;
                };
                tables.add(new SchemaModel.Table(r[1], r[2], kind, r[7], r[8],
                        r[9].isEmpty() ? List.of() : Arrays.asList(r[9].split(",")), r[5].equals("t"),
                        r[6].equals("t"), r[11], rel.columns, rel.constraints, rel.indexes, rel.triggers,
                        rel.policies));
            }
        }
    }

    /** Fills in each view's definition (column 10 of its row), {@value #VIEW_CHUNK} views per statement. */
    private static void viewDefinitions(Connection c, Map<String, Relation> relations) throws SQLException {
        List<String> oids = relations.values().stream().filter(r -> r.row[3].equals("v") || r.row[3].equals("m"))
                .map(r -> r.row[0]).sorted().toList();
        try (java.sql.PreparedStatement ps = c.prepareStatement(VIEW_DEFINITIONS)) {
            for (int from = 0; from < oids.size(); from += VIEW_CHUNK) {
                ps.setString(1, "{" + String.join(",", oids.subList(from, Math.min(oids.size(), from + VIEW_CHUNK)))
                        + "}");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String definition = rs.getString(2);
                        relations.get(rs.getString(1)).row[10] = definition == null ? "" : definition;
                    }
                }
            }
        }
    }

    private static List<SchemaModel.Sequence> sequences(Statement s, Set<String> excluded) throws SQLException {
        List<SchemaModel.Sequence> sequences = new ArrayList<>();
        for (String[] r : rows(s, SEQUENCES)) {
            String owner = r[9].isEmpty() ? "" : r[9].substring(0, r[9].lastIndexOf('.'));
            if (!excluded.contains(r[0] + "." + r[1]) && !excluded.contains(owner)) {
                sequences.add(new SchemaModel.Sequence(r[0], r[1], r[2], Long.parseLong(r[3]),
                        Long.parseLong(r[4]), Long.parseLong(r[5]), Long.parseLong(r[6]), Long.parseLong(r[7]),
                        r[8].equals("t"), r[9], r[10]));
            }
        }
        return sequences;
    }

    private static List<SchemaModel.Routine> routines(Statement s) throws SQLException {
        List<SchemaModel.Routine> routines = new ArrayList<>();
        for (String[] r : rows(s, ROUTINES)) {
            routines.add(new SchemaModel.Routine(r[0], r[1], switch (r[2]) {
                case "p" -> SchemaModel.RoutineKind.PROCEDURE;
                case "a" -> SchemaModel.RoutineKind.AGGREGATE;
                case "w" -> SchemaModel.RoutineKind.WINDOW;
                default -> SchemaModel.RoutineKind.FUNCTION;
            }, r[3], r[4], r[5], r[6]));
        }
        return routines;
    }

    private static List<SchemaModel.TypeDef> types(Statement s, Set<String> excluded) throws SQLException {
        List<SchemaModel.TypeDef> types = new ArrayList<>();
        for (String[] r : rows(s, TYPES)) {
            if (excluded.contains(r[0] + "." + r[1])) {
                continue;
            }
            types.add(new SchemaModel.TypeDef(r[0], r[1], switch (r[2]) {
                case "e" -> SchemaModel.TypeKind.ENUM;
                case "c" -> SchemaModel.TypeKind.COMPOSITE;
                case "d" -> SchemaModel.TypeKind.DOMAIN;
                default -> SchemaModel.TypeKind.RANGE;
            }, r[3], r[4]));
        }
        return types;
    }

    private static List<SchemaModel.Grant> grants(Statement s, Set<String> excluded) throws SQLException {
        List<SchemaModel.Grant> grants = new ArrayList<>();
        for (String[] r : rows(s, GRANTS)) {
            String table = r[0].equals("column") ? r[1].substring(0, r[1].lastIndexOf('.')) : r[1];
            if (!excluded.contains(table)) {
                grants.add(new SchemaModel.Grant(r[0], r[1], r[2], r[3]));
            }
        }
        return grants;
    }

    private static ConstraintKind constraintKind(String contype) {
        return switch (contype) {
            case "p" -> ConstraintKind.PRIMARY_KEY;
            case "u" -> ConstraintKind.UNIQUE;
            case "f" -> ConstraintKind.FOREIGN_KEY;
            case "x" -> ConstraintKind.EXCLUDE;
            case "t" -> ConstraintKind.TRIGGER;
            default -> ConstraintKind.CHECK;
        };
    }

    /** Every row as text, nulls as empty text. */
    private static List<String[]> rows(Statement s, String sql) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    String v = rs.getString(i + 1);
                    row[i] = v == null ? "" : v;
                }
                out.add(row);
            }
        }
        return out;
    }
}
