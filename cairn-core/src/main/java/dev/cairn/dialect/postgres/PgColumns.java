package dev.cairn.dialect.postgres;

import static dev.cairn.dialect.postgres.PgNames.id;
import static dev.cairn.dialect.postgres.PgNames.qualified;

import dev.cairn.dialect.postgres.PgGenerator.Unexpressed;
import dev.cairn.schema.SchemaModel;
import dev.cairn.schema.SchemaModel.Column;
import dev.cairn.schema.SchemaModel.Table;
import dev.cairn.schema.SchemaModel.TableKind;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The changes to one table that stays: its storage, row security and columns. */
final class PgColumns {

    private static final Pattern VARCHAR = Pattern.compile("character varying(?:\\((\\d+)\\))?");

    private PgColumns() {
    }

    /** A column as in CREATE TABLE or ADD COLUMN. */
    static String definition(Column c) {
        return id(c.name()) + " " + c.type() + (c.collation().isEmpty() ? "" : " COLLATE " + c.collation())
                + (c.generated().isEmpty() ? "" : " GENERATED ALWAYS AS (" + c.generated() + ") STORED")
                + (c.defaultValue().isEmpty() ? "" : " DEFAULT " + c.defaultValue())
                + (c.notNull() ? " NOT NULL" : "")
                + (c.identity().isEmpty() ? "" : " GENERATED " + c.identity().toUpperCase(Locale.ROOT) + " AS IDENTITY");
    }

    static void alter(PgPlan plan, Table old, Table t) {
        String q = qualified(t.schema(), t.name());
        if (old.kind() != t.kind() || !old.partitionKey().equals(t.partitionKey())
                || !old.parents().equals(t.parents())) {
            if (Objects.equals(old.partitionKey(), t.partitionKey()) && old.parents().equals(t.parents())
                    && (old.kind() == TableKind.UNLOGGED || t.kind() == TableKind.UNLOGGED)
                    && (old.kind() == TableKind.ORDINARY || t.kind() == TableKind.ORDINARY)) {
                plan.add("ALTER TABLE " + q + (t.kind() == TableKind.UNLOGGED ? " SET UNLOGGED" : " SET LOGGED"),
                        "cairn: rewrites the table under an ACCESS EXCLUSIVE lock");
            } else {
                plan.notGenerated.add(new Unexpressed("table", t.qualified(), "was: " + old.kind().label() + " "
                        + old.partitionKey() + "\nnow: " + t.kind().label() + " " + t.partitionKey()
                        + (t.parents().isEmpty() ? "" : " of " + String.join(", ", t.parents()))));
            }
        }
        if (old.rowSecurity() != t.rowSecurity()) {
            plan.add("ALTER TABLE " + q + (t.rowSecurity() ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY");
        }
        if (old.forceRowSecurity() != t.forceRowSecurity()) {
            plan.add("ALTER TABLE " + q + (t.forceRowSecurity() ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY");
        }
        for (Column c : t.columns()) {
            Column o = old.columns().stream().filter(x -> x.name().equals(c.name())).findFirst().orElse(null);
            if (o == null) {
                plan.add("ALTER TABLE " + q + " ADD COLUMN " + definition(c));
            } else {
                column(plan, t, q, o, c);
            }
        }
        for (Column o : old.columns()) {
            if (t.columns().stream().noneMatch(x -> x.name().equals(o.name()))) {
                plan.add("ALTER TABLE " + q + " DROP COLUMN " + id(o.name()));
                plan.dropsData.add("column " + t.qualified() + "." + o.name());
            }
        }
    }

    private static void column(PgPlan plan, Table t, String q, Column o, Column c) {
        String alter = "ALTER TABLE " + q + " ALTER COLUMN " + id(c.name());
        if (!o.generated().equals(c.generated())) {
            plan.notGenerated.add(new Unexpressed("column", t.qualified() + "." + c.name(), "was: "
                    + SchemaModel.column(o) + "\nnow: " + SchemaModel.column(c)));
            return;
        }
        boolean retype = !o.type().equals(c.type()) || !o.collation().equals(c.collation());
        if (retype) {
            if (!o.defaultValue().isEmpty()) {
                plan.add(alter + " DROP DEFAULT");
            }
            String sql = alter + " TYPE " + c.type() + (c.collation().isEmpty() ? "" : " COLLATE " + c.collation())
                    + " USING " + id(c.name()) + "::" + c.type();
            if (rewrites(o.type(), c.type())) {
                plan.add(sql, "cairn: rewrites the table and its indexes (" + o.type() + " to " + c.type()
                        + ") under an ACCESS EXCLUSIVE lock");
            } else {
                plan.add(sql);
            }
            if (!c.defaultValue().isEmpty()) {
                plan.add(alter + " SET DEFAULT " + c.defaultValue());
            }
        } else if (!o.defaultValue().equals(c.defaultValue())) {
            plan.add(alter + (c.defaultValue().isEmpty() ? " DROP DEFAULT" : " SET DEFAULT " + c.defaultValue()));
        }
        if (!o.identity().isEmpty() && c.identity().isEmpty()) {
            plan.add(alter + " DROP IDENTITY");
        }
        if (o.notNull() != c.notNull()) {
            if (c.notNull()) {
                plan.add(alter + " SET NOT NULL", "cairn: scans the table under an ACCESS EXCLUSIVE lock;"
                        + " fails if a row has NULL");
            } else {
                plan.add(alter + " DROP NOT NULL");
            }
        }
        if (o.identity().isEmpty() && !c.identity().isEmpty()) {
            plan.add(alter + " ADD GENERATED " + c.identity().toUpperCase(Locale.ROOT) + " AS IDENTITY");
        } else if (!o.identity().isEmpty() && !c.identity().isEmpty() && !o.identity().equals(c.identity())) {
            plan.add(alter + " SET GENERATED " + c.identity().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Whether the type change rewrites the table: all but varchar to text or to a longer (or
     * unlimited) varchar, which PostgreSQL changes in the catalog only.
     */
    static boolean rewrites(String from, String to) {
        Matcher f = VARCHAR.matcher(from);
        if (!f.matches()) {
            return true;
        }
        if (to.equals("text")) {
            return false;
        }
        Matcher n = VARCHAR.matcher(to);
        if (!n.matches()) {
            return true;
        }
        return n.group(1) != null && (f.group(1) == null || Integer.parseInt(n.group(1)) < Integer.parseInt(f.group(1)));
    }
}
