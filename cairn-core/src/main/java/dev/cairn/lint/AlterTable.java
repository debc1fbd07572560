package dev.cairn.lint;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules of {@code ALTER TABLE name action [, action ...]}, action by action. */
final class AlterTable {

    private static final Pattern ADD_CONSTRAINT = Ddl.pattern("^ADD\\s+(?:CONSTRAINT\\s+(IDENT)\\s+)?"
            + "(FOREIGN\\s+KEY|CHECK|UNIQUE|PRIMARY\\s+KEY|EXCLUDE)\\b(.*)$");
    private static final Pattern ADD_COLUMN = Ddl.pattern("^ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(.+)$");
    private static final Pattern ALTER_TYPE = Ddl.pattern("^ALTER\\s+(?:COLUMN\\s+)?(IDENT)\\s+(?:SET\\s+DATA\\s+)?TYPE\\s+"
            + "(.+?)(?:\\s+(?:COLLATE|USING)\\b.*)?$");
    private static final Pattern SET_NOT_NULL = Ddl.pattern("^ALTER\\s+(?:COLUMN\\s+)?(IDENT)\\s+SET\\s+NOT\\s+NULL$");
    private static final Pattern DROP_COLUMN = Ddl.pattern("^DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(?!CONSTRAINT\\b)"
            + "(IDENT)");
    private static final Pattern RENAME_COLUMN = Ddl.pattern("^RENAME\\s+(?:COLUMN\\s+)?(?!TO\\b|CONSTRAINT\\b)(IDENT)"
            + "\\s+TO\\s+(IDENT)$");
    private static final Pattern RENAME_TABLE = Ddl.pattern("^RENAME\\s+TO\\s+(IDENT)$");
    private static final Pattern VALIDATE = Ddl.pattern("^VALIDATE\\s+CONSTRAINT\\s+(IDENT)$");

    private AlterTable() {
    }

    static void check(String written, String table, String actions, State state, List<StaticRules.Hit> hits) {
        for (String action : Ddl.splitTop(actions, ',')) {
            action(written, table, action, state, hits);
        }
    }

    private static void action(String t, String table, String a, State state, List<StaticRules.Hit> hits) {
        boolean fresh = state.isNew(table);
        Matcher m;
        if ((m = ADD_CONSTRAINT.matcher(a)).find()) {
            addConstraint(t, table, m, state, hits, fresh);
        } else if ((m = VALIDATE.matcher(a)).find()) {
            String col = state.pendingChecks.remove(table + "/" + Ddl.unquote(m.group(1)));
            if (col != null) {
                state.proven.add(table + "." + col);
            }
        } else if ((m = ALTER_TYPE.matcher(a)).find()) {
            String col = Ddl.unquote(m.group(1));
            String to = Ddl.type(m.group(2));
            String from = state.types.put(table + "." + col, to);
            boolean safe = from != null && Column.noRewrite(from, to) && !a.toUpperCase(Locale.ROOT).contains(" USING ");
            if (!fresh && !safe) {
                hits.add(new StaticRules.Hit(Rule.CHANGING_COLUMN_TYPE, table, "changing " + t + "." + m.group(1) + (from == null
                        ? "" : " from " + from) + " to " + to + " rewrites the table and its indexes under ACCESS"
                        + " EXCLUSIVE: reads and writes wait for the rewrite", "-- add the new column and move to it"
                        + " step by step:\nALTER TABLE " + t + " ADD COLUMN " + m.group(1) + "_new " + m.group(2) + ";\n"
                        + "-- backfill in batches, write both from the application, switch reads, then drop "
                        + m.group(1)));
            }
        } else if ((m = SET_NOT_NULL.matcher(a)).find()) {
            String col = Ddl.unquote(m.group(1));
            if (!fresh && !state.proven.contains(table + "." + col)) {
                String c = constraintName(table, col + "_not_null");
                hits.add(new StaticRules.Hit(Rule.ADDING_NOT_NULLABLE_FIELD, table, "SET NOT NULL on " + t + "." + m.group(1)
                        + " scans the whole table under ACCESS EXCLUSIVE: reads and writes wait for the scan",
                        "ALTER TABLE " + t + " ADD CONSTRAINT " + c + " CHECK (" + m.group(1) + " IS NOT NULL) NOT VALID;\n"
                                + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + c + ";\n"
                                + "ALTER TABLE " + t + " ALTER COLUMN " + m.group(1) + " SET NOT NULL;\n"
                                + "ALTER TABLE " + t + " DROP CONSTRAINT " + c + ";"));
            }
        } else if ((m = RENAME_TABLE.matcher(a)).find()) {
            if (!fresh) {
                hits.add(new StaticRules.Hit(Rule.RENAMING_TABLE, table, "renaming " + t + " to " + m.group(1) + " breaks every"
                        + " running client that still uses the old name", "-- create the new table name as a view"
                        + " first, or rename, then: CREATE VIEW " + t + " AS SELECT * FROM " + m.group(1)
                        + "; until every client uses the new name"));
            }
            state.fileTables.add(Ddl.key(m.group(1)));
        } else if ((m = RENAME_COLUMN.matcher(a)).find()) {
            if (!fresh) {
                hits.add(new StaticRules.Hit(Rule.RENAMING_COLUMN, table, "renaming " + t + "." + m.group(1) + " to " + m.group(2)
                        + " breaks every running client that still uses the old name", "-- add " + m.group(2)
                        + ", write both from the application, backfill, switch reads, then drop " + m.group(1)
                        + ":\nALTER TABLE " + t + " ADD COLUMN " + m.group(2) + " <type>;"));
            }
        } else if ((m = DROP_COLUMN.matcher(a)).find()) {
            if (!fresh) {
                hits.add(new StaticRules.Hit(Rule.BAN_DROP_COLUMN, table, "dropping " + t + "." + m.group(1) + " deletes its data"
                        + " for good and breaks every client still reading it", "-- stop reading and writing "
                        + m.group(1) + " in the application and deploy that first; then drop it in a later migration,"
                        + " with -- cairn:lint-ignore ban-drop-column"));
            }
        } else if ((m = ADD_COLUMN.matcher(a)).find()) {
            Column.parse(m.group(1)).ifPresent(c -> addColumn(t, table, c, state, hits, fresh));
        }
    }

    private static void addColumn(String t, String table, Column c, State state, List<StaticRules.Hit> hits, boolean fresh) {
        state.types.put(table + "." + c.name(), c.type());
        StaticRules.typeHits(table, c, hits);
        if (fresh) {
            return;
        }
        if (c.rewritesOnAdd()) {
            hits.add(new StaticRules.Hit(Rule.ADDING_FIELD_WITH_DEFAULT, table, "adding " + t + "." + c.name() + " with "
                    + (c.defaultSql().isPresent() && !c.serial() ? "the volatile default " + c.defaultSql().get()
                    : c.type()) + " rewrites the table under ACCESS EXCLUSIVE: reads and writes wait for the rewrite",
                    "ALTER TABLE " + t + " ADD COLUMN " + c.name() + " " + c.type().replaceAll("(big|small)?serial",
                            "$1int") + ";\n"
                            + c.defaultSql().map(d -> "ALTER TABLE " + t + " ALTER COLUMN " + c.name() + " SET DEFAULT "
                            + d + ";\n").orElse("")
                            + "-- backfill the existing rows in batches, then add NOT NULL the CHECK-backed way"));
        } else if (c.notNull() && c.defaultSql().isEmpty() && !c.generated()) {
            hits.add(new StaticRules.Hit(Rule.ADDING_REQUIRED_FIELD, table, "adding " + t + "." + c.name() + " NOT NULL without a"
                    + " default fails when " + t + " has rows", "ALTER TABLE " + t + " ADD COLUMN " + c.name() + " "
                    + c.type() + " NOT NULL DEFAULT <value>;\n-- a constant default adds the column without a rewrite"
                    + " (PostgreSQL 11 and later); or add it nullable, backfill, then SET NOT NULL the CHECK-backed way"));
        }
    }

    private static void addConstraint(String t, String table, Matcher m, State state, List<StaticRules.Hit> hits, boolean fresh) {
        String kind = m.group(2).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        String rest = m.group(3);
        boolean notValid = rest.toUpperCase(Locale.ROOT).matches(".*\\bNOT\\s+VALID\\s*$");
        Optional<String> name = Optional.ofNullable(m.group(1));
        if (kind.equals("CHECK")) {
            StaticRules.proving("CHECK" + rest).ifPresent(col -> {
                if (notValid) {
                    name.ifPresent(n -> state.pendingChecks.put(table + "/" + Ddl.unquote(n), col));
                } else {
                    state.proven.add(table + "." + col);
                }
            });
        }
        if (fresh) {
            return;
        }
        String c = name.orElse(constraintName(table, kind.equals("CHECK") ? "check" : kind.equals("FOREIGN KEY")
                ? "fkey" : kind.equals("UNIQUE") ? "key" : "pkey"));
        if ((kind.equals("CHECK") || kind.equals("FOREIGN KEY")) && !notValid) {
            hits.add(new StaticRules.Hit(Rule.CONSTRAINT_MISSING_NOT_VALID, table, "adding " + kind + " " + c + " to " + t
                    + " without NOT VALID scans every row under a lock that blocks writes" + (kind.equals("FOREIGN KEY")
                    ? " (and the referenced table's)" : ""), "ALTER TABLE " + t + " ADD CONSTRAINT " + c + " " + kind
                    + rest + " NOT VALID;\nALTER TABLE " + t + " VALIDATE CONSTRAINT " + c + ";\n-- VALIDATE takes SHARE"
                    + " UPDATE EXCLUSIVE: reads and writes go on (a later migration may run it)"));
        } else if ((kind.equals("UNIQUE") || kind.equals("PRIMARY KEY"))
                && !rest.toUpperCase(Locale.ROOT).contains("USING INDEX")) {
            String idx = c + "_idx";
            String cols = Ddl.parenthesized(rest, 0);
            hits.add(new StaticRules.Hit(kind.equals("UNIQUE") ? Rule.DISALLOWED_UNIQUE_CONSTRAINT : Rule.ADDING_SERIAL_PRIMARY_KEY_FIELD,
                    table, "adding " + kind + " to " + t + " builds its index under ACCESS EXCLUSIVE: reads and writes"
                    + " wait for the build", "CREATE UNIQUE INDEX CONCURRENTLY " + idx + " ON " + t + " (" + cols + ");\n"
                    + "ALTER TABLE " + t + " ADD CONSTRAINT " + c + " " + kind + " USING INDEX " + idx + ";\n"
                    + "-- CONCURRENTLY cannot run in a transaction: put the index in a migration of its own"));
        }
    }

    private static String constraintName(String table, String suffix) {
        String base = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
        return (base + "_" + suffix).replaceAll("[^A-Za-z0-9_]", "_");
    }
}
