package dev.cairn.schema;

import dev.cairn.schema.SchemaModel.Column;
import dev.cairn.schema.SchemaModel.Constraint;
import dev.cairn.schema.SchemaModel.ConstraintKind;
import dev.cairn.schema.SchemaModel.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Renders a {@link SchemaModel} as one Markdown document (DATABASE.md): per schema, each table with
 * its columns, keys, indexes, foreign keys out and in, triggers and policies; then views,
 * functions, types and sequences; the extensions, then the grants when they were read, last. No timestamp and a fixed order, so an
 * unchanged database gives the same bytes.
 */
public final class Markdown {

    private Markdown() {
    }

    public static String write(SchemaModel model) {
        StringBuilder out = new StringBuilder();
        out.append("# Database schema\n\nWritten by Cairn's snapshot from the database's catalog; regenerate it"
                + " rather than editing it.\n");
        TreeSet<String> names = new TreeSet<>();
        model.schemas().forEach(s -> names.add(s.name()));
        model.tables().forEach(t -> names.add(t.schema()));
        for (String schema : names) {
            out.append("\n## Schema `").append(schema).append("`\n");
            model.schemas().stream().filter(s -> s.name().equals(schema) && !s.comment().isEmpty())
                    .forEach(s -> out.append('\n').append(s.comment()).append('\n'));
            for (Table t : model.tables()) {
                if (t.schema().equals(schema)) {
                    table(out, model, t);
                }
            }
            List<SchemaModel.View> views = model.views().stream().filter(v -> v.schema().equals(schema)).toList();
            if (!views.isEmpty()) {
                out.append("\n### Views\n");
                for (SchemaModel.View v : views) {
                    out.append("\n#### ").append(v.materialized() ? "Materialized view `" : "View `")
                            .append(v.qualified()).append("`\n");
                    comment(out, v.comment());
                    out.append("\n```sql\n").append(v.definition().strip()).append("\n```\n");
                    v.indexes().forEach(i -> out.append("\n- index `").append(i.name()).append("`: ")
                            .append(i.definition()));
                    if (!v.indexes().isEmpty()) {
                        out.append('\n');
                    }
                }
            }
            List<SchemaModel.Routine> routines = model.routines().stream().filter(r -> r.schema().equals(schema))
                    .toList();
            if (!routines.isEmpty()) {
                out.append("\n### Functions\n");
                for (SchemaModel.Routine r : routines) {
                    out.append("\n#### ").append(capital(r.kind().label())).append(" `").append(r.signature())
                            .append("`").append(r.result().isEmpty() ? "" : " → `" + r.result() + "`").append('\n');
                    comment(out, r.comment());
                    out.append("\n```sql\n").append(r.definition().strip()).append("\n```\n");
                }
            }
            List<SchemaModel.TypeDef> types = model.types().stream().filter(t -> t.schema().equals(schema)).toList();
            if (!types.isEmpty()) {
                out.append("\n### Types\n\n| Name | Kind | Definition | Comment |\n|---|---|---|---|\n");
                types.forEach(t -> row(out, t.name(), t.kind().label(), t.definition(), t.comment()));
            }
            List<SchemaModel.Sequence> sequences = model.sequences().stream().filter(s -> s.schema().equals(schema))
                    .toList();
            if (!sequences.isEmpty()) {
                out.append("\n### Sequences\n\n| Name | Type | Start | Increment | Owned by |\n|---|---|---|---|---|\n");
                sequences.forEach(s -> row(out, s.name(), s.type(), Long.toString(s.start()),
                        Long.toString(s.increment()), s.ownedBy()));
            }
        }
        if (!model.extensions().isEmpty()) {
            out.append("\n## Extensions\n\n| Name | Schema | Version |\n|---|---|---|\n");
            model.extensions().forEach(e -> row(out, e.name(), e.schema(), e.version()));
        }
        if (!model.grants().isEmpty()) {
            out.append("\n## Grants\n\nPrivileges beyond each owner's own; `*` marks WITH GRANT OPTION.\n\n"
                    + "| On | Object | Grantee | Privileges |\n|---|---|---|---|\n");
            model.grants().forEach(g -> row(out, g.on(), g.object(), g.grantee(), g.privileges()));
        }
        return out.toString();
    }

    private static void table(StringBuilder out, SchemaModel model, Table t) {
        out.append("\n### Table `").append(t.qualified()).append("`\n");
        List<String> facts = new ArrayList<>();
        if (t.kind() != SchemaModel.TableKind.ORDINARY) {
            facts.add(t.kind().label());
        }
        if (!t.partitionKey().isEmpty()) {
            facts.add("partitioned by " + t.partitionKey());
        }
        if (!t.parents().isEmpty()) {
            facts.add((t.partitionBound().isEmpty() ? "inherits " : "partition of ") + String.join(", ", t.parents())
                    + (t.partitionBound().isEmpty() ? "" : " " + t.partitionBound()));
        }
        if (t.rowSecurity()) {
            facts.add(t.forceRowSecurity() ? "row security (forced)" : "row security");
        }
        if (!facts.isEmpty()) {
            out.append('\n').append(capital(String.join("; ", facts))).append(".\n");
        }
        comment(out, t.comment());
        out.append("\n| Column | Type | Nullable | Default | Comment |\n|---|---|---|---|---|\n");
        for (Column c : t.columns()) {
            String dflt = !c.generated().isEmpty() ? "generated always as (" + c.generated() + ") stored"
                    : !c.identity().isEmpty() ? "generated " + c.identity() + " as identity" : c.defaultValue();
            row(out, c.name(), c.type() + (c.collation().isEmpty() ? "" : " collate " + c.collation()),
                    c.notNull() ? "no" : "yes", dflt, c.comment());
        }
        List<Constraint> keys = t.constraints().stream().filter(c -> c.kind() != ConstraintKind.FOREIGN_KEY).toList();
        if (!keys.isEmpty()) {
            out.append("\n**Keys and constraints**\n\n");
            keys.forEach(c -> out.append("- `").append(c.name()).append("` ").append(c.definition())
                    .append(c.comment().isEmpty() ? "" : " — " + c.comment()).append('\n'));
        }
        if (!t.indexes().isEmpty()) {
            out.append("\n**Indexes**\n\n");
            t.indexes().forEach(i -> out.append("- `").append(i.name()).append("` ").append(i.definition())
                    .append(i.valid() ? "" : " (INVALID)").append('\n'));
        }
        List<Constraint> fks = t.constraints().stream().filter(c -> c.kind() == ConstraintKind.FOREIGN_KEY).toList();
        if (!fks.isEmpty()) {
            out.append("\n**Foreign keys**\n\n");
            fks.forEach(c -> out.append("- `").append(c.name()).append("` ").append(c.definition()).append('\n'));
        }
        List<String> in = new ArrayList<>();
        for (Table other : model.tables()) {
            for (Constraint c : other.constraints()) {
                if (c.kind() == ConstraintKind.FOREIGN_KEY && c.references().equals(t.qualified())) {
                    in.add("- `" + other.qualified() + "` `" + c.name() + "` " + c.definition());
                }
            }
        }
        if (!in.isEmpty()) {
            out.append("\n**Referenced by**\n\n").append(String.join("\n", in)).append('\n');
        }
        if (!t.triggers().isEmpty()) {
            out.append("\n**Triggers**\n\n");
            t.triggers().forEach(g -> out.append("- `").append(g.name()).append("` ").append(g.definition())
                    .append('\n'));
        }
        if (!t.policies().isEmpty()) {
            out.append("\n**Policies**\n\n");
            t.policies().forEach(p -> out.append("- `").append(p.name()).append("` ").append(SchemaModel.policy(p))
                    .append('\n'));
        }
    }

    private static void comment(StringBuilder out, String comment) {
        if (!comment.isEmpty()) {
            out.append('\n').append(comment).append('\n');
        }
    }

    private static void row(StringBuilder out, String... cells) {
        out.append('|');
        for (String c : cells) {
            out.append(' ').append(c.replace("|", "\\|").replace("\r", "").replace("\n", "<br>")).append(" |");
        }
        out.append('\n');
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
