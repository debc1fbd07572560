package dev.cairn.dialect.postgres;

import static dev.cairn.dialect.postgres.PgNames.qualified;

import dev.cairn.schema.SchemaModel;
import dev.cairn.schema.SchemaModel.Index;
import dev.cairn.schema.SchemaModel.View;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Views and materialized views, ordered by {@code pg_depend}: those that go, change, or read a
 * column whose type changes (or which is dropped) are dropped, readers first; then the new and
 * rebuilt ones are created, what they read first.
 */
final class PgViews {

    private final PgPlan plan;
    private final Map<String, View> was;
    private final Map<String, View> now;
    /** The current views dropped by this migration. */
    private final Set<String> dropped = new LinkedHashSet<>();
    private final Set<String> rebuilt = new HashSet<>();

    PgViews(PgPlan plan, SchemaModel a, SchemaModel b, PgTables tables) {
        this.plan = plan;
        this.was = PgPlan.by(a.views(), View::qualified);
        this.now = PgPlan.by(b.views(), View::qualified);
        Deque<String> todo = new ArrayDeque<>();
        for (View v : was.values()) {
            View n = now.get(v.qualified());
            boolean readsChanged = plan.from.dependencies().viewReads().getOrDefault(v.qualified(), Set.of()).stream()
                    .anyMatch(r -> !tables.now.containsKey(r) && tables.was.containsKey(r))
                    || tables.changedColumns.stream().anyMatch(c -> {
                        int dot = c.lastIndexOf('.');
                        return plan.from.dependencies().readersOfColumn(c.substring(0, dot), c.substring(dot + 1))
                                .contains(v.qualified());
                    });
            if (n == null || !n.definition().equals(v.definition()) || n.materialized() != v.materialized()
                    || readsChanged) {
                todo.add(v.qualified());
            }
        }
        Set<String> drop = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            String v = todo.poll();
            if (was.containsKey(v) && drop.add(v)) {
                todo.addAll(plan.from.dependencies().readersOf(v));
            }
        }
        rebuilt.addAll(drop);
        this.toDrop = drop;
    }

    private final Set<String> toDrop;

    /** Drops the views that go or are rebuilt, each after the views that read it. */
    void drop() {
        for (String v : toDrop) {
            dropOne(v);
        }
    }

    private void dropOne(String v) {
        if (dropped.contains(v)) {
            return;
        }
        dropped.add(v);
        for (String reader : plan.from.dependencies().readersOf(v)) {
            if (toDrop.contains(reader)) {
                dropOne(reader);
            }
        }
        View view = was.get(v);
        plan.add("DROP " + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + qualified(view.schema(), view.name()));
    }

    /** Creates the new and rebuilt views, each after the views it reads; and the indexes of materialized views. */
    void create() {
        Set<String> done = new HashSet<>();
        for (View v : now.values()) {
            createOne(v.qualified(), done);
        }
        for (View v : now.values()) {
            View o = was.get(v.qualified());
            if (o != null && !rebuilt.contains(v.qualified())) {
                for (Index i : o.indexes()) {
                    if (!v.indexes().contains(i) && v.indexes().stream().noneMatch(x -> x.name().equals(i.name())
                            && x.definition().equals(i.definition()))) {
                        plan.add("DROP INDEX " + qualified(v.schema(), i.name()));
                    }
                }
                for (Index i : v.indexes()) {
                    if (o.indexes().stream().noneMatch(x -> x.name().equals(i.name())
                            && x.definition().equals(i.definition()))) {
                        plan.add(i.definition());
                    }
                }
            }
        }
    }

    private void createOne(String name, Set<String> done) {
        View v = now.get(name);
        if (v == null || done.contains(name) || (was.containsKey(name) && !rebuilt.contains(name))) {
            return;
        }
        done.add(name);
        for (String read : plan.to.dependencies().viewReads().getOrDefault(name, Set.of())) {
            createOne(read, done);
        }
        rebuilt.add(name);
        String body = v.definition().strip();
        body = body.endsWith(";") ? body.substring(0, body.length() - 1) : body;
        plan.add("CREATE " + (v.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + qualified(v.schema(), v.name())
                + " AS\n" + body);
        v.indexes().forEach(i -> plan.add(i.definition()));
    }

    /** Comments of views (and the indexes of rebuilt materialized views). */
    void comments() {
        for (View v : now.values()) {
            View o = rebuilt.contains(v.qualified()) ? null : was.get(v.qualified());
            plan.comment((v.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + qualified(v.schema(), v.name()),
                    o == null ? "" : o.comment(), v.comment());
            for (Index i : v.indexes()) {
                Index oi = o == null ? null : o.indexes().stream().filter(x -> x.name().equals(i.name())
                        && x.definition().equals(i.definition())).findFirst().orElse(null);
                plan.comment("INDEX " + qualified(v.schema(), i.name()), oi == null ? "" : oi.comment(), i.comment());
            }
        }
    }
}
