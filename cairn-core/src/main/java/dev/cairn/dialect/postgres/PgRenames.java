package dev.cairn.dialect.postgres;

import static dev.cairn.dialect.postgres.PgNames.id;
import static dev.cairn.dialect.postgres.PgNames.qualified;

import dev.cairn.dialect.postgres.PgGenerator.Rename;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import dev.cairn.schema.SchemaModel;
import dev.cairn.schema.SchemaModel.Column;
import dev.cairn.schema.SchemaModel.Constraint;
import dev.cairn.schema.SchemaModel.Index;
import dev.cairn.schema.SchemaModel.Table;
import dev.cairn.schema.SchemaModel.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renames the user named: each becomes an {@code ALTER TABLE ... RENAME} step, and the current
 * model is rewritten as if it had run, so the rest of the comparison sees the renamed object as
 * unchanged rather than one dropped (with its data) and one added.
 */
record PgRenames(SchemaModel model) {

    static PgRenames apply(SchemaModel model, List<Rename> renames, PgPlan plan) {
        SchemaModel m = model;
        for (Rename r : renames) {
            m = one(m, r, plan);
        }
        return new PgRenames(m);
    }

    private static SchemaModel one(SchemaModel m, Rename r, PgPlan plan) {
        String[] from = r.from().split("\\.");
        String[] to = r.to().split("\\.");
        List<Table> tables = new ArrayList<>();
        boolean found = false;
        for (Table t : m.tables()) {
            if (from.length == 2 && t.qualified().equals(r.from())) {
                found = true;
                plan.add("ALTER TABLE " + qualified(from[0], from[1]) + " RENAME TO " + id(to[1]));
                tables.add(new Table(t.schema(), to[1], t.kind(), t.partitionKey(), t.partitionBound(), t.parents(),
                        t.rowSecurity(), t.forceRowSecurity(), t.comment(), t.columns(),
                        t.constraints().stream().map(c -> constraint(c, from[1], to[1])).toList(),
                        t.indexes().stream().map(i -> index(i, from[1], to[1])).toList(),
                        t.triggers().stream().map(g -> trigger(g, from[1], to[1])).toList(), t.policies()));
            } else if (from.length == 3 && t.qualified().equals(from[0] + "." + from[1])
                    && t.columns().stream().anyMatch(c -> c.name().equals(from[2]))) {
                found = true;
                plan.add("ALTER TABLE " + qualified(from[0], from[1]) + " RENAME COLUMN " + id(from[2]) + " TO "
                        + id(to[2]));
                tables.add(new Table(t.schema(), t.name(), t.kind(), t.partitionKey(), t.partitionBound(),
                        t.parents(), t.rowSecurity(), t.forceRowSecurity(), t.comment(),
                        t.columns().stream().map(c -> c.name().equals(from[2]) ? new Column(to[2], c.type(),
                                c.notNull(), c.defaultValue(), c.identity(), c.generated(), c.collation(),
                                c.comment()) : c).toList(),
                        t.constraints().stream().map(c -> constraint(c, from[2], to[2])).toList(),
                        t.indexes().stream().map(i -> index(i, from[2], to[2])).toList(),
                        t.triggers().stream().map(g -> trigger(g, from[2], to[2])).toList(), t.policies()));
            } else {
                tables.add(from.length == 2 ? withReferences(t, r.from(), r.to()) : t);
            }
        }
        if (!found) {
            throw CairnException.usage("generate.rename", Next.setting("rename") + ": there is no table or column "
                    + r.from()
                    + " (to rename to " + to[to.length - 1] + ") in the schema the migrations build; give"
                    + " [schema.]table:new_name or [schema.]table.column:new_name. Nothing was generated");
        }
        return new SchemaModel(m.schemas(), m.extensions(), tables, m.views(), m.sequences(), m.routines(), m.types(),
                m.grants());
    }

    /** Foreign keys of other tables that point at the renamed one. */
    private static Table withReferences(Table t, String from, String to) {
        String oldName = from.substring(from.indexOf('.') + 1);
        String newName = to.substring(to.indexOf('.') + 1);
        return new Table(t.schema(), t.name(), t.kind(), t.partitionKey(), t.partitionBound(), t.parents(),
                t.rowSecurity(), t.forceRowSecurity(), t.comment(), t.columns(), t.constraints().stream()
                .map(c -> c.references().equals(from) ? new Constraint(c.name(), c.kind(),
                        word(c.definition(), oldName, newName), c.valid(), c.deferrable(), c.deferred(), to,
                        c.comment()) : c).toList(), t.indexes(), t.triggers(), t.policies());
    }

    private static Constraint constraint(Constraint c, String from, String to) {
        return new Constraint(c.name(), c.kind(), word(c.definition(), from, to), c.valid(), c.deferrable(),
                c.deferred(), c.references(), c.comment());
    }

    private static Index index(Index i, String from, String to) {
        return new Index(i.name(), word(i.definition(), from, to), i.unique(), i.valid(), i.comment());
    }

    private static Trigger trigger(Trigger g, String from, String to) {
        return new Trigger(g.name(), word(g.definition(), from, to), g.enabled(), g.comment());
    }

    /** The name as a whole word (or quoted identifier) replaced; what the server's definition says after the rename. */
    private static String word(String text, String from, String to) {
        Pattern p = Pattern.compile("(?<![A-Za-z0-9_$\"])(" + Pattern.quote(id(from)) + ")(?![A-Za-z0-9_$\"])");
        return p.matcher(text).replaceAll(Matcher.quoteReplacement(id(to)));
    }
}
