package dev.cairn.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The user-visible schema of a database, read from its catalog: immutable, in a fixed order (by
 * schema, then name), so that two reads of an unchanged database are equal and render to the same
 * bytes. Text fields hold the server's own rendering ({@code format_type}, {@code pg_get_*def});
 * an absent value is empty text. Objects owned by an extension and Cairn's own tables are left out.
 */
public record SchemaModel(List<Schema> schemas, List<Extension> extensions, List<Table> tables, List<View> views,
                          List<Sequence> sequences, List<Routine> routines, List<TypeDef> types,
                          List<Grant> grants) {

    public SchemaModel {
        schemas = sorted(schemas, Comparator.comparing(Schema::name));
        extensions = sorted(extensions, Comparator.comparing(Extension::name));
        tables = sorted(tables, Comparator.comparing(Table::schema).thenComparing(Table::name));
        views = sorted(views, Comparator.comparing(View::schema).thenComparing(View::name));
        sequences = sorted(sequences, Comparator.comparing(Sequence::schema).thenComparing(Sequence::name));
        routines = sorted(routines, Comparator.comparing(Routine::schema).thenComparing(Routine::name)
                .thenComparing(Routine::arguments));
        types = sorted(types, Comparator.comparing(TypeDef::schema).thenComparing(TypeDef::name));
        grants = sorted(grants, Comparator.comparing(Grant::on).thenComparing(Grant::object)
                .thenComparing(Grant::grantee));
    }

    /** The same model without its grants: what is compared and written unless grants are asked for. */
    public SchemaModel withoutGrants() {
        return new SchemaModel(schemas, extensions, tables, views, sequences, routines, types, List.of());
    }

    /** A schema (namespace). */
    public record Schema(String name, String comment) {
    }

    /** An installed extension; the objects it owns are not part of the model. */
    public record Extension(String name, String schema, String version) {
    }

    /** How a table stores its rows. */
    public enum TableKind {
        ORDINARY, PARTITIONED, UNLOGGED, FOREIGN;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A table with what hangs off it.
     *
     * @param partitionKey   {@code pg_get_partkeydef} of a partitioned table, such as {@code RANGE (created_at)}
     * @param partitionBound the bound of a partition, such as {@code FOR VALUES FROM ('2024-01-01') TO (...)}
     * @param parents        the tables it inherits from or is a partition of, qualified
     */
    public record Table(String schema, String name, TableKind kind, String partitionKey, String partitionBound,
                        List<String> parents, boolean rowSecurity, boolean forceRowSecurity, String comment,
                        List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                        List<Trigger> triggers, List<Policy> policies) {
        public Table {
            parents = List.copyOf(parents);
            columns = List.copyOf(columns);
            constraints = sorted(constraints, Comparator.comparing(Constraint::name));
            indexes = sorted(indexes, Comparator.comparing(Index::name));
            triggers = sorted(triggers, Comparator.comparing(Trigger::name));
            policies = sorted(policies, Comparator.comparing(Policy::name));
        }

        public String qualified() {
            return schema + "." + name;
        }
    }

    /**
     * A column, in the table's column order.
     *
     * @param identity  {@code always}, {@code by default}, or empty
     * @param generated the expression of a stored generated column, or empty
     * @param collation the collation when it is not the type's default, or empty
     */
    public record Column(String name, String type, boolean notNull, String defaultValue, String identity,
                         String generated, String collation, String comment) {
    }

    /** What a constraint enforces. */
    public enum ConstraintKind {
        PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUDE, TRIGGER;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * A table constraint.
     *
     * @param definition {@code pg_get_constraintdef}, which says NOT VALID and DEFERRABLE itself
     * @param references the referenced table of a foreign key, qualified, or empty
     */
    public record Constraint(String name, ConstraintKind kind, String definition, boolean valid, boolean deferrable,
                             boolean deferred, String references, String comment) {
    }

    /** An index; {@code definition} is {@code pg_get_indexdef}; {@code valid} is false after a failed CONCURRENTLY. */
    public record Index(String name, String definition, boolean unique, boolean valid, String comment) {
    }

    /** A trigger ({@code pg_get_triggerdef}); {@code enabled} is pg_trigger.tgenabled: O, D, R or A. */
    public record Trigger(String name, String definition, String enabled, String comment) {
    }

    /** A row-level security policy. */
    public record Policy(String name, String command, boolean permissive, List<String> roles, String using,
                         String check) {
        public Policy {
            roles = List.copyOf(roles);
        }
    }

    /** A view or a materialized view ({@code pg_get_viewdef}); materialized ones may have indexes. */
    public record View(String schema, String name, boolean materialized, String definition, String comment,
                       List<Column> columns, List<Index> indexes) {
        public View {
            columns = List.copyOf(columns);
            indexes = sorted(indexes, Comparator.comparing(Index::name));
        }

        public String qualified() {
            return schema + "." + name;
        }
    }

    /** A sequence; {@code ownedBy} is the qualified column it belongs to, or empty. */
    public record Sequence(String schema, String name, String type, long start, long increment, long min, long max,
                           long cache, boolean cycle, String ownedBy, String comment) {
    }

    /** What kind of routine. */
    public enum RoutineKind {
        FUNCTION, PROCEDURE, AGGREGATE, WINDOW;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A function, procedure or aggregate.
     *
     * @param arguments  {@code pg_get_function_identity_arguments}: overloads differ here
     * @param definition {@code pg_get_functiondef}, or for an aggregate its state function, type and initial value
     */
    public record Routine(String schema, String name, RoutineKind kind, String arguments, String result,
                          String definition, String comment) {
        public String signature() {
            return schema + "." + name + "(" + arguments + ")";
        }
    }

    /** What kind of type. */
    public enum TypeKind {
        ENUM, COMPOSITE, DOMAIN, RANGE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A user-defined type: enum labels, composite attributes, a domain's base type and constraints, a range's subtype. */
    public record TypeDef(String schema, String name, TypeKind kind, String definition, String comment) {
    }

    /**
     * The privileges one role holds on one object, beyond its owner's own (which follow the owner).
     * An object whose privileges were never changed holds the kind's defaults, such as EXECUTE for
     * PUBLIC on a function; a REVOKE of them shows as their absence.
     *
     * @param on         {@code schema}, {@code table}, {@code view}, {@code materialized view}, {@code sequence},
     *                   {@code foreign table}, {@code column}, {@code function} or {@code type}
     * @param object     the qualified name (a function's signature, a column's table.column)
     * @param grantee    the role, or {@code PUBLIC}
     * @param privileges sorted and comma-separated, such as {@code INSERT, SELECT}; one granted WITH GRANT
     *                   OPTION is followed by {@code *}
     */
    public record Grant(String on, String object, String grantee, String privileges) {
    }

    /**
     * Every object as one flat entry: what {@link SchemaDiff} compares. The key is the kind and
     * the qualified name; the text holds every compared property.
     */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        schemas.forEach(s -> out.add(new Entry("schema", s.name(), comment(s.comment()))));
        extensions.forEach(e -> out.add(new Entry("extension", e.name(), "version " + e.version()
                + " in schema " + e.schema())));
        for (Table t : tables) {
            String q = t.qualified();
            out.add(new Entry("table", q, t.kind().label()
                    + (t.partitionKey().isEmpty() ? "" : ", partition by " + t.partitionKey())
                    + (t.parents().isEmpty() ? "" : ", " + (t.partitionBound().isEmpty() ? "inherits " : "partition of ")
                    + String.join(", ", t.parents()))
                    + (t.partitionBound().isEmpty() ? "" : " " + t.partitionBound())
                    + (t.rowSecurity() ? ", row security" : "") + (t.forceRowSecurity() ? " forced" : "")
                    + comment(t.comment())));
            t.columns().forEach(c -> out.add(new Entry("column", q + "." + c.name(), column(c))));
            t.constraints().forEach(c -> out.add(new Entry("constraint", q + "." + c.name(), c.definition()
                    + comment(c.comment()))));
            t.indexes().forEach(i -> out.add(index(t.schema(), i)));
            t.triggers().forEach(g -> out.add(new Entry("trigger", q + "." + g.name(), g.definition()
                    + (g.enabled().equals("O") ? "" : " (enabled: " + g.enabled() + ")") + comment(g.comment()))));
            t.policies().forEach(p -> out.add(new Entry("policy", q + "." + p.name(), policy(p))));
        }
        for (View v : views) {
            out.add(new Entry(v.materialized() ? "materialized view" : "view", v.qualified(),
                    v.definition() + comment(v.comment())));
            v.indexes().forEach(i -> out.add(index(v.schema(), i)));
        }
        sequences.forEach(s -> out.add(new Entry("sequence", s.schema() + "." + s.name(), sequence(s))));
        routines.forEach(r -> out.add(new Entry(r.kind().label(), r.signature(), r.definition() + comment(r.comment()))));
        types.forEach(t -> out.add(new Entry("type", t.schema() + "." + t.name(), t.kind().label() + " "
                + t.definition() + comment(t.comment()))));
        grants.forEach(g -> out.add(new Entry("grant", "on " + g.on() + " " + g.object() + " to " + g.grantee(),
                g.privileges())));
        return List.copyOf(out);
    }

    /** One compared object: its kind, qualified name and every compared property as text. */
    public record Entry(String kind, String name, String text) {
    }

    /** A column's properties in one line, such as {@code integer NOT NULL DEFAULT 0}. */
    public static String column(Column c) {
        return c.type() + (c.collation().isEmpty() ? "" : " COLLATE " + c.collation())
                + (c.notNull() ? " NOT NULL" : "")
                + (c.defaultValue().isEmpty() ? "" : " DEFAULT " + c.defaultValue())
                + (c.identity().isEmpty() ? "" : " GENERATED " + c.identity().toUpperCase(java.util.Locale.ROOT)
                + " AS IDENTITY")
                + (c.generated().isEmpty() ? "" : " GENERATED ALWAYS AS (" + c.generated() + ") STORED")
                + comment(c.comment());
    }

    /** A policy in one line. */
    public static String policy(Policy p) {
        return (p.permissive() ? "permissive" : "restrictive") + " for " + p.command() + " to "
                + String.join(", ", p.roles())
                + (p.using().isEmpty() ? "" : " using (" + p.using() + ")")
                + (p.check().isEmpty() ? "" : " with check (" + p.check() + ")");
    }

    /** A sequence's options in one line. */
    public static String sequence(Sequence s) {
        return s.type() + " start " + s.start() + " increment " + s.increment() + " min " + s.min() + " max "
                + s.max() + " cache " + s.cache() + (s.cycle() ? " cycle" : "")
                + (s.ownedBy().isEmpty() ? "" : " owned by " + s.ownedBy()) + comment(s.comment());
    }

    private static Entry index(String schema, Index i) {
        return new Entry("index", schema + "." + i.name(), i.definition() + (i.valid() ? "" : " (invalid)")
                + comment(i.comment()));
    }

    private static String comment(String comment) {
        return comment.isEmpty() ? "" : " -- comment: " + comment;
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return List.copyOf(copy);
    }
}
