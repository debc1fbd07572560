package dev.cairn.dialect.postgres;

import static dev.cairn.dialect.postgres.PgNames.id;
import static dev.cairn.dialect.postgres.PgNames.qualified;

import dev.cairn.dialect.postgres.PgGenerator.Step;
import dev.cairn.dialect.postgres.PgGenerator.Unexpressed;
import dev.cairn.schema.SchemaModel;
import dev.cairn.schema.SchemaModel.Column;
import dev.cairn.schema.SchemaModel.Constraint;
import dev.cairn.schema.SchemaModel.ConstraintKind;
import dev.cairn.schema.SchemaModel.Index;
import dev.cairn.schema.SchemaModel.Policy;
import dev.cairn.schema.SchemaModel.Table;
import dev.cairn.schema.SchemaModel.TableKind;
import dev.cairn.schema.SchemaModel.Trigger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Tables and what hangs off them: columns, constraints, indexes, triggers, policies, comments. */
final class PgTables {

    private final PgPlan plan;
    final Map<String, Table> was;
    final Map<String, Table> now;
    /** schema.table.column of the columns whose type changes or that are dropped: views over them are rebuilt. */
    final Set<String> changedColumns = new HashSet<>();
    /** Keys of objects this migration (re)creates: their comments are set again. */
    private final Set<String> created = new HashSet<>();

    PgTables(PgPlan plan, SchemaModel current) {
        this.plan = plan;
        this.was = PgPlan.by(current.tables(), Table::qualified);
        this.now = PgPlan.by(plan.to.model().tables(), Table::qualified);
        for (Table t : was.values()) {
            Table n = now.get(t.qualified());
            for (Column c : t.columns()) {
                Column d = n == null ? null : find(n.columns(), c.name());
                if (n != null && (d == null || !d.type().equals(c.type()) || !d.collation().equals(c.collation()))) {
                    changedColumns.add(t.qualified() + "." + c.name());
                }
            }
        }
    }

    private static Column find(List<Column> columns, String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private static String q(Table t) {
        return qualified(t.schema(), t.name());
    }

    /** A partition or an inheritance child: its columns, keys and indexes follow its parent. */
    private static boolean child(Table t) {
        return !t.parents().isEmpty();
    }

    /** Tables in both models whose parts are compared. */
    private List<Table[]> both() {
        List<Table[]> out = new ArrayList<>();
        for (Table t : now.values()) {
            Table old = was.get(t.qualified());
            if (old != null && !child(t)) {
                out.add(new Table[] {old, t});
            }
        }
        return out;
    }

    /** Drops the triggers, policies, constraints (foreign keys first) and indexes that go or change. */
    void dropParts() {
        for (Table[] p : both()) {
            for (Trigger g : p[0].triggers()) {
                if (!p[1].triggers().stream().anyMatch(n -> n.name().equals(g.name()) && n.definition().equals(g.definition()))) {
                    plan.add("DROP TRIGGER " + id(g.name()) + " ON " + q(p[0]));
                }
            }
            for (Policy o : p[0].policies()) {
                if (!p[1].policies().contains(o)) {
                    plan.add("DROP POLICY " + id(o.name()) + " ON " + q(p[0]));
                }
            }
        }
        for (boolean foreign : new boolean[] {true, false}) {
            for (Table[] p : both()) {
                for (Constraint c : p[0].constraints()) {
                    if ((c.kind() == ConstraintKind.FOREIGN_KEY) == foreign && c.kind() != ConstraintKind.TRIGGER
                            && !same(c, p[1])) {
                        plan.add("ALTER TABLE " + q(p[0]) + " DROP CONSTRAINT " + id(c.name()));
                    }
                }
            }
        }
        for (Table[] p : both()) {
            for (Index i : indexes(p[0])) {
                if (!indexes(p[1]).stream().anyMatch(n -> n.name().equals(i.name()) && n.definition().equals(i.definition()))) {
                    plan.add("DROP INDEX " + qualified(p[0].schema(), i.name()));
                }
            }
        }
    }

    private static boolean same(Constraint c, Table other) {
        return other.constraints().stream().anyMatch(n -> n.name().equals(c.name()) && n.kind() == c.kind()
                && n.definition().equals(c.definition()));
    }

    /** The indexes that are not a constraint's own (those come and go with the constraint). */
    static List<Index> indexes(Table t) {
        Set<String> own = new HashSet<>();
        t.constraints().stream().filter(c -> c.kind() == ConstraintKind.PRIMARY_KEY || c.kind() == ConstraintKind.UNIQUE
                || c.kind() == ConstraintKind.EXCLUDE).forEach(c -> own.add(c.name()));
        return t.indexes().stream().filter(i -> !own.contains(i.name())).toList();
    }

    /** Creates the new tables and alters the ones in both models, column by column. */
    void createAndAlter() {
        for (Table t : now.values()) {
            Table old = was.get(t.qualified());
            if (old == null) {
                create(t);
            } else if (!child(t)) {
                PgColumns.alter(plan, old, t);
            } else if (!old.parents().equals(t.parents()) || !old.partitionBound().equals(t.partitionBound())) {
                // A child's columns, keys and indexes follow its parent's; its place under the parent is the user's.
                plan.notGenerated.add(new Unexpressed("table", t.qualified(), "was: " + describe(old) + "\nnow: "
                        + describe(t)));
            }
        }
    }

    private static String describe(Table t) {
        return t.kind().label() + (t.partitionBound().isEmpty() ? ", inherits " : ", partition of ")
                + String.join(", ", t.parents()) + " " + t.partitionBound() + "\ncolumns: " + t.columns().stream()
                .map(c -> c.name() + " " + SchemaModel.column(c)).toList();
    }

    private void create(Table t) {
        created.add(t.qualified());
        if (child(t) || t.kind() == TableKind.FOREIGN) {
            plan.notGenerated.add(new Unexpressed("table", t.qualified(), describe(t)));
            return;
        }
        StringBuilder sql = new StringBuilder("CREATE " + (t.kind() == TableKind.UNLOGGED ? "UNLOGGED " : "")
                + "TABLE " + q(t) + " (");
        for (int i = 0; i < t.columns().size(); i++) {
            sql.append(i == 0 ? "\n    " : ",\n    ").append(PgColumns.definition(t.columns().get(i)));
        }
        sql.append("\n)");
        if (!t.partitionKey().isEmpty()) {
            sql.append(" PARTITION BY ").append(t.partitionKey());
        }
        plan.add(sql.toString());
        if (t.rowSecurity()) {
            plan.add("ALTER TABLE " + q(t) + " ENABLE ROW LEVEL SECURITY");
        }
        if (t.forceRowSecurity()) {
            plan.add("ALTER TABLE " + q(t) + " FORCE ROW LEVEL SECURITY");
        }
    }

    /** Drops the tables that go, in one statement so that foreign keys between them need no order. */
    void dropTables() {
        List<String> gone = new ArrayList<>();
        for (Table t : was.values()) {
            if (!now.containsKey(t.qualified())) {
                gone.add(q(t));
                plan.dropsData.add("table " + t.qualified());
            }
        }
        if (!gone.isEmpty()) {
            plan.add("DROP TABLE " + String.join(", ", gone));
        }
    }

    /** Adds constraints (foreign keys last, after every key they reference) and indexes. */
    void addParts() {
        for (boolean foreign : new boolean[] {false, true}) {
            for (Table t : now.values()) {
                Table old = was.get(t.qualified());
                if (child(t) || t.kind() == TableKind.FOREIGN) {
                    continue;
                }
                for (Constraint c : t.constraints()) {
                    if ((c.kind() == ConstraintKind.FOREIGN_KEY) == foreign && c.kind() != ConstraintKind.TRIGGER
                            && (old == null || !same(c, old))) {
                        addConstraint(t, old != null, c);
                    }
                }
            }
        }
        for (Table t : now.values()) {
            Table old = was.get(t.qualified());
            if (child(t) || t.kind() == TableKind.FOREIGN) {
                continue;
            }
            for (Index i : indexes(t)) {
                if (old == null || !indexes(old).stream().anyMatch(n -> n.name().equals(i.name())
                        && n.definition().equals(i.definition()))) {
                    addIndex(t, old != null, i);
                }
            }
        }
    }

    private void addConstraint(Table t, boolean existing, Constraint c) {
        created.add(t.qualified() + "#c#" + c.name());
        String add = "ALTER TABLE " + q(t) + " ADD CONSTRAINT " + id(c.name()) + " " + c.definition();
        if (plan.safe && existing && t.kind() != TableKind.PARTITIONED && !c.definition().endsWith("NOT VALID")
                && (c.kind() == ConstraintKind.FOREIGN_KEY || c.kind() == ConstraintKind.CHECK)) {
            plan.add(add + " NOT VALID", "cairn: NOT VALID now, validated in the next migration without blocking writes");
            plan.online.add(new Step("ALTER TABLE " + q(t) + " VALIDATE CONSTRAINT " + id(c.name()), List.of()));
        } else {
            plan.add(add);
        }
    }

    private void addIndex(Table t, boolean existing, Index i) {
        created.add(t.schema() + "#i#" + i.name());
        if (plan.safe && existing && t.kind() != TableKind.PARTITIONED) {
            plan.online.add(new Step(i.definition().replaceFirst(" INDEX ", " INDEX CONCURRENTLY "), List.of()));
            plan.onlineIndexes.add(qualified(t.schema(), i.name()));
        } else {
            plan.add(i.definition());
        }
    }

    /** Creates the triggers and policies that are new or changed, and sets triggers' enabled state. */
    void addTriggersAndPolicies() {
        for (Table t : now.values()) {
            Table old = was.get(t.qualified());
            if (child(t) || t.kind() == TableKind.FOREIGN && old == null) {
                continue;
            }
            for (Trigger g : t.triggers()) {
                Trigger o = old == null ? null : old.triggers().stream().filter(x -> x.name().equals(g.name())
                        && x.definition().equals(g.definition())).findFirst().orElse(null);
                if (o == null) {
                    created.add(t.qualified() + "#t#" + g.name());
                    plan.add(g.definition());
                }
                if (!g.enabled().equals(o == null ? "O" : o.enabled())) {
                    plan.add("ALTER TABLE " + q(t) + switch (g.enabled()) {
                        case "D" -> " DISABLE TRIGGER ";
                        case "R" -> " ENABLE REPLICA TRIGGER ";
                        case "A" -> " ENABLE ALWAYS TRIGGER ";
                        default -> " ENABLE TRIGGER ";
                    } + id(g.name()));
                }
            }
            for (Policy p : t.policies()) {
                if (old == null || !old.policies().contains(p)) {
                    plan.add(policy(t, p));
                }
            }
        }
    }

    private static String policy(Table t, Policy p) {
        return "CREATE POLICY " + id(p.name()) + " ON " + q(t) + " AS " + (p.permissive() ? "PERMISSIVE" : "RESTRICTIVE")
                + " FOR " + p.command().toUpperCase(Locale.ROOT) + " TO " + String.join(", ", p.roles().stream()
                .map(r -> r.equals("public") ? "PUBLIC" : id(r)).toList())
                + (p.using().isEmpty() ? "" : " USING (" + p.using() + ")")
                + (p.check().isEmpty() ? "" : " WITH CHECK (" + p.check() + ")");
    }

    /** Comments of tables, columns, constraints, indexes and triggers. */
    void comments() {
        for (Table t : now.values()) {
            Table old = created.contains(t.qualified()) ? null : was.get(t.qualified());
            if (old == null && (child(t) || t.kind() == TableKind.FOREIGN)) {
                continue;
            }
            String target = (t.kind() == TableKind.FOREIGN ? "FOREIGN TABLE " : "TABLE ") + q(t);
            plan.comment(target, old == null ? "" : old.comment(), t.comment());
            for (Column c : t.columns()) {
                Column o = old == null ? null : find(old.columns(), c.name());
                plan.comment("COLUMN " + q(t) + "." + id(c.name()), o == null ? "" : o.comment(), c.comment());
            }
            for (Constraint c : t.constraints()) {
                Constraint o = old == null || created.contains(t.qualified() + "#c#" + c.name()) ? null
                        : old.constraints().stream().filter(x -> x.name().equals(c.name())).findFirst().orElse(null);
                plan.comment("CONSTRAINT " + id(c.name()) + " ON " + q(t), o == null ? "" : o.comment(), c.comment());
            }
            for (Index i : indexes(t)) {
                Index o = old == null || created.contains(t.schema() + "#i#" + i.name()) ? null
                        : old.indexes().stream().filter(x -> x.name().equals(i.name())).findFirst().orElse(null);
                plan.comment("INDEX " + qualified(t.schema(), i.name()), o == null ? "" : o.comment(), i.comment());
            }
            for (Trigger g : t.triggers()) {
                Trigger o = old == null || created.contains(t.qualified() + "#t#" + g.name()) ? null
                        : old.triggers().stream().filter(x -> x.name().equals(g.name())).findFirst().orElse(null);
                plan.comment("TRIGGER " + id(g.name()) + " ON " + q(t), o == null ? "" : o.comment(), g.comment());
            }
        }
    }
}
