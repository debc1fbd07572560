package dev.cairn.dialect.postgres;

import static dev.cairn.dialect.postgres.PgNames.id;
import static dev.cairn.dialect.postgres.PgNames.literal;
import static dev.cairn.dialect.postgres.PgNames.qualified;

import dev.cairn.dialect.postgres.PgGenerator.Rename;
import dev.cairn.dialect.postgres.PgGenerator.Side;
import dev.cairn.dialect.postgres.PgGenerator.Step;
import dev.cairn.dialect.postgres.PgGenerator.Unexpressed;
import dev.cairn.schema.SchemaModel;
import dev.cairn.schema.SchemaModel.Routine;
import dev.cairn.schema.SchemaModel.Sequence;
import dev.cairn.schema.SchemaModel.TypeDef;
import dev.cairn.schema.SchemaModel.TypeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One direction of a generated migration, in phases whose order is the dependency order: create
 * schemas, extensions, types, sequences, functions; drop views, triggers, policies, constraints and
 * indexes that go or change; create, alter and drop tables; sequences; add constraints (foreign
 * keys last) and indexes; create views in {@code pg_depend} order, triggers, policies; drop
 * functions, types, extensions, schemas; comments.
 */
final class PgPlan {

    final Side from;
    final Side to;
    final boolean safe;
    final List<Step> steps = new ArrayList<>();
    /** Statements for the migration run outside a transaction after this one (safe forms). */
    final List<Step> online = new ArrayList<>();
    /** Qualified names of the indexes built in {@link #online}. */
    final List<String> onlineIndexes = new ArrayList<>();
    final List<String> dropsData = new ArrayList<>();
    final List<Unexpressed> notGenerated = new ArrayList<>();
    private final List<Rename> renames;

    PgPlan(Side from, Side to, List<Rename> renames, boolean safe) {
        this.from = from;
        this.to = to;
        this.renames = renames;
        this.safe = safe;
    }

    PgGenerator.Script script() {
        return new PgGenerator.Script(steps, dropsData, notGenerated);
    }

    void add(String sql, String... notes) {
        steps.add(new Step(sql, List.of(notes)));
    }

    PgPlan build() {
        PgRenames renamed = PgRenames.apply(from.model(), renames, this);
        PgTables tables = new PgTables(this, renamed.model());
        SchemaModel a = renamed.model();
        SchemaModel b = to.model();
        schemasAndExtensions(a, b);
        types(a, b);
        sequences(a, b, false);
        routines(a, b, false);
        PgViews views = new PgViews(this, a, b, tables);
        views.drop();
        tables.dropParts();
        tables.createAndAlter();
        tables.dropTables();
        sequences(a, b, true);
        tables.addParts();
        views.create();
        tables.addTriggersAndPolicies();
        routines(a, b, true);
        dropTypes(a, b);
        dropSchemasAndExtensions(a, b);
        comments(a, b, views);
        tables.comments();
        return this;
    }

    private void schemasAndExtensions(SchemaModel a, SchemaModel b) {
        Map<String, SchemaModel.Schema> was = by(a.schemas(), SchemaModel.Schema::name);
        for (SchemaModel.Schema s : b.schemas()) {
            if (!was.containsKey(s.name())) {
                add("CREATE SCHEMA " + id(s.name()));
            }
        }
        Map<String, SchemaModel.Extension> had = by(a.extensions(), SchemaModel.Extension::name);
        for (SchemaModel.Extension e : b.extensions()) {
            SchemaModel.Extension old = had.get(e.name());
            if (old == null) {
                add("CREATE EXTENSION IF NOT EXISTS " + id(e.name()) + " WITH SCHEMA " + id(e.schema()));
            } else {
                if (!old.schema().equals(e.schema())) {
                    add("ALTER EXTENSION " + id(e.name()) + " SET SCHEMA " + id(e.schema()));
                }
                if (!old.version().equals(e.version())) {
                    add("ALTER EXTENSION " + id(e.name()) + " UPDATE TO " + literal(e.version()));
                }
            }
        }
    }

    private void dropSchemasAndExtensions(SchemaModel a, SchemaModel b) {
        Map<String, SchemaModel.Extension> keep = by(b.extensions(), SchemaModel.Extension::name);
        for (SchemaModel.Extension e : a.extensions()) {
            if (!keep.containsKey(e.name())) {
                add("DROP EXTENSION " + id(e.name()));
            }
        }
        Map<String, SchemaModel.Schema> stay = by(b.schemas(), SchemaModel.Schema::name);
        for (SchemaModel.Schema s : a.schemas()) {
            if (!stay.containsKey(s.name())) {
                add("DROP SCHEMA " + id(s.name()));
            }
        }
    }

    private void types(SchemaModel a, SchemaModel b) {
        Map<String, TypeDef> was = by(a.types(), t -> t.schema() + "." + t.name());
        for (TypeDef t : b.types()) {
            TypeDef old = was.get(t.schema() + "." + t.name());
            String q = qualified(t.schema(), t.name());
            if (old == null) {
                add(switch (t.kind()) {
                    case ENUM -> "CREATE TYPE " + q + " AS ENUM (" + t.definition() + ")";
                    case COMPOSITE -> "CREATE TYPE " + q + " AS (" + t.definition() + ")";
                    case DOMAIN -> "CREATE DOMAIN " + q + " AS " + t.definition();
                    case RANGE -> "CREATE TYPE " + q + " AS RANGE (" + t.definition() + ")";
                });
            } else if (!old.definition().equals(t.definition()) || old.kind() != t.kind()) {
                if (t.kind() == TypeKind.ENUM && old.kind() == TypeKind.ENUM
                        && PgEnums.addValues(q, old.definition(), t.definition(), this)) {
                    continue;
                }
                notGenerated.add(new Unexpressed("type", t.schema() + "." + t.name(), "was: " + old.kind().label()
                        + " " + old.definition() + "\nnow: " + t.kind().label() + " " + t.definition()));
            }
        }
    }

    private void dropTypes(SchemaModel a, SchemaModel b) {
        Map<String, TypeDef> keep = by(b.types(), t -> t.schema() + "." + t.name());
        for (TypeDef t : a.types()) {
            if (!keep.containsKey(t.schema() + "." + t.name())) {
                add((t.kind() == TypeKind.DOMAIN ? "DROP DOMAIN " : "DROP TYPE ") + qualified(t.schema(), t.name()));
            }
        }
    }

    /** Creates and alters sequences first ({@code late} false); sets OWNED BY and drops them late. */
    private void sequences(SchemaModel a, SchemaModel b, boolean late) {
        Map<String, Sequence> was = by(a.sequences(), s -> s.schema() + "." + s.name());
        Map<String, Sequence> now = by(b.sequences(), s -> s.schema() + "." + s.name());
        for (Sequence s : b.sequences()) {
            if (identity(b, s)) {
                continue;
            }
            Sequence old = was.get(s.schema() + "." + s.name());
            String q = qualified(s.schema(), s.name());
            if (!late && (old == null || !SchemaModel.sequence(withoutOwner(old)).equals(SchemaModel.sequence(withoutOwner(s))))) {
                add((old == null ? "CREATE SEQUENCE " : "ALTER SEQUENCE ") + q + " AS " + s.type() + " INCREMENT BY "
                        + s.increment() + " MINVALUE " + s.min() + " MAXVALUE " + s.max() + " START WITH " + s.start()
                        + " CACHE " + s.cache() + (s.cycle() ? " CYCLE" : " NO CYCLE"));
            }
            if (late && !s.ownedBy().equals(old == null ? "" : old.ownedBy())) {
                add("ALTER SEQUENCE " + q + " OWNED BY " + (s.ownedBy().isEmpty() ? "NONE" : column(s.ownedBy())));
            }
        }
        if (late) {
            for (Sequence s : a.sequences()) {
                if (!identity(a, s) && !now.containsKey(s.schema() + "." + s.name())) {
                    add("DROP SEQUENCE " + (s.ownedBy().isEmpty() ? "" : "IF EXISTS ") + qualified(s.schema(), s.name()));
                }
            }
        }
    }

    private static Sequence withoutOwner(Sequence s) {
        return new Sequence(s.schema(), s.name(), s.type(), s.start(), s.increment(), s.min(), s.max(), s.cache(),
                s.cycle(), "", "");
    }

    /** schema.table.column, quoted. */
    private static String column(String qualifiedColumn) {
        String[] p = qualifiedColumn.split("\\.", 3);
        return id(p[0]) + "." + id(p[1]) + "." + id(p[2]);
    }

    /** The sequence behind an identity column: it comes and goes with the column. */
    static boolean identity(SchemaModel m, Sequence s) {
        if (s.ownedBy().isEmpty()) {
            return false;
        }
        String table = s.ownedBy().substring(0, s.ownedBy().lastIndexOf('.'));
        String col = s.ownedBy().substring(s.ownedBy().lastIndexOf('.') + 1);
        return m.tables().stream().filter(t -> t.qualified().equals(table)).flatMap(t -> t.columns().stream())
                .anyMatch(c -> c.name().equals(col) && !c.identity().isEmpty());
    }

    /** Creates and replaces routines first ({@code late} false); drops the ones that go late. */
    private void routines(SchemaModel a, SchemaModel b, boolean late) {
        Map<String, Routine> was = by(a.routines(), Routine::signature);
        Map<String, Routine> now = by(b.routines(), Routine::signature);
        if (late) {
            for (Routine r : a.routines()) {
                if (!now.containsKey(r.signature())) {
                    add(dropRoutine(r));
                }
            }
            return;
        }
        boolean first = true;
        for (Routine r : b.routines()) {
            Routine old = was.get(r.signature());
            if (old != null && old.definition().equals(r.definition())) {
                continue;
            }
            if (first) {
                // As pg_dump does: a function body may name tables this migration creates later.
                add("SET check_function_bodies = false");
                first = false;
            }
            if (old != null && (old.kind() != r.kind() || !old.result().equals(r.result())
                    || r.kind() == SchemaModel.RoutineKind.AGGREGATE)) {
                add(dropRoutine(old));
            }
            add(createRoutine(r));
        }
    }

    private static String createRoutine(Routine r) {
        if (r.kind() == SchemaModel.RoutineKind.AGGREGATE) {
            return "CREATE AGGREGATE " + qualified(r.schema(), r.name()) + "(" + r.arguments() + ") ("
                    + r.definition() + ")";
        }
        return r.definition().stripTrailing();
    }

    static String routineRef(Routine r) {
        return switch (r.kind()) {
            case PROCEDURE -> "PROCEDURE ";
            case AGGREGATE -> "AGGREGATE ";
            default -> "FUNCTION ";
        } + qualified(r.schema(), r.name()) + "(" + r.arguments() + ")";
    }

    private static String dropRoutine(Routine r) {
        return "DROP " + routineRef(r);
    }

    /** Comments of schemas, types, sequences and routines. */
    private void comments(SchemaModel a, SchemaModel b, PgViews views) {
        Map<String, SchemaModel.Schema> schemas = by(a.schemas(), SchemaModel.Schema::name);
        b.schemas().forEach(s -> comment("SCHEMA " + id(s.name()),
                schemas.containsKey(s.name()) ? schemas.get(s.name()).comment() : "", s.comment()));
        Map<String, TypeDef> types = by(a.types(), t -> t.schema() + "." + t.name());
        b.types().forEach(t -> comment((t.kind() == TypeKind.DOMAIN ? "DOMAIN " : "TYPE ")
                + qualified(t.schema(), t.name()), old(types, t.schema() + "." + t.name(), TypeDef::comment),
                t.comment()));
        Map<String, Sequence> seqs = by(a.sequences(), s -> s.schema() + "." + s.name());
        b.sequences().stream().filter(s -> !identity(b, s)).forEach(s -> comment("SEQUENCE "
                + qualified(s.schema(), s.name()), old(seqs, s.schema() + "." + s.name(), Sequence::comment),
                s.comment()));
        Map<String, Routine> routines = by(a.routines(), Routine::signature);
        b.routines().forEach(r -> comment(routineRef(r), routines.containsKey(r.signature())
                && routines.get(r.signature()).definition().equals(r.definition())
                && r.kind() != SchemaModel.RoutineKind.AGGREGATE ? routines.get(r.signature()).comment() : "",
                r.comment()));
        views.comments();
    }

    private static <T> String old(Map<String, T> was, String key, Function<T, String> comment) {
        T t = was.get(key);
        return t == null ? "" : comment.apply(t);
    }

    /** COMMENT ON when the comment differs from the one the object had (empty for an object just created). */
    void comment(String target, String was, String now) {
        if (!was.equals(now)) {
            add("COMMENT ON " + target + " IS " + (now.isEmpty() ? "NULL" : literal(now)));
        }
    }

    static <T> Map<String, T> by(List<T> items, Function<T, String> key) {
        Map<String, T> out = new LinkedHashMap<>();
        items.forEach(i -> out.put(key.apply(i), i));
        return out;
    }
}
