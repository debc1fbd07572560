package dev.cairn.dialect.postgres;

import dev.cairn.schema.SchemaModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes PostgreSQL DDL that turns one schema into another, and the DDL that turns it back: the
 * down is the same generator run the other way. Objects are created in dependency order by
 * construction (schemas, extensions, types, sequences and functions before the tables that use
 * them; constraints after every table, so foreign keys between new tables work; views after what
 * they read, per {@code pg_depend}) and dropped in the reverse order. A view over a column whose
 * type changes or which is dropped is dropped first and created again after. What cannot be
 * expressed is listed, with its definition, never dropped silently.
 */
public final class PgGenerator {

    private PgGenerator() {
    }

    /** A database's model with its views' dependencies. */
    public record Side(SchemaModel model, PgDependencies dependencies) {
    }

    /**
     * A rename the user asked for: qualified names, {@code schema.table} or {@code schema.table.column};
     * the new name differs only in its last part.
     */
    public record Rename(String from, String to) {
        Rename reversed() {
            return new Rename(to, from);
        }
    }

    /** How to generate: {@code unsafeFast} gives the plain forms (index in the transaction, constraints validated at once). */
    public record Options(boolean unsafeFast, List<Rename> renames) {
        public Options {
            renames = List.copyOf(renames);
        }
    }

    /** An object the generator does not write: its kind, qualified name and definition, to be written by hand. */
    public record Unexpressed(String kind, String object, String definition) {
    }

    /** One generated statement with the comment lines written above it. */
    public record Step(String sql, List<String> notes) {
        public Step {
            notes = List.copyOf(notes);
        }
    }

    /**
     * A script: its statements, the objects whose data it drops, and what it leaves to be written by hand.
     */
    public record Script(List<Step> steps, List<String> dropsData, List<Unexpressed> notGenerated) {
        public Script {
            steps = List.copyOf(steps);
            dropsData = List.copyOf(dropsData);
            notGenerated = List.copyOf(notGenerated);
        }

        public boolean isEmpty() {
            return steps.isEmpty() && notGenerated.isEmpty();
        }

        /** The script as SQL text: a drops-data line first when it drops data, the objects left out at the end. */
        public String text() {
            return text("");
        }

        /** As {@link #text()}, with {@code between} (such as drizzle-kit's breakpoint line) between statements. */
        public String text(String between) {
            StringBuilder out = new StringBuilder();
            if (!dropsData.isEmpty()) {
                out.append("-- cairn: drops data\n");
                dropsData.forEach(d -> out.append("-- drops the data of ").append(d).append('\n'));
                out.append('\n');
            }
            for (Step s : steps) {
                if (s != steps.get(0)) {
                    out.append(between);
                }
                s.notes().forEach(n -> out.append("-- ").append(n).append('\n'));
                out.append(s.sql()).append(";\n");
            }
            for (Unexpressed u : notGenerated) {
                out.append("\n-- cairn: not generated: write it by hand: ").append(u.kind()).append(' ')
                        .append(u.object()).append('\n');
                u.definition().lines().forEach(l -> out.append("--   ").append(l).append('\n'));
            }
            return out.toString();
        }
    }

    /**
     * What was generated: the up and the down of the migration and, in the safe forms, a second
     * migration to run outside a transaction after it (indexes built CONCURRENTLY, constraints validated).
     */
    public record Generated(Script up, Script down, Optional<Script> onlineUp, Optional<Script> onlineDown) {

        public boolean isEmpty() {
            return up.isEmpty() && onlineUp.isEmpty();
        }
    }

    /** The migration from {@code current} to {@code desired}, and back. */
    public static Generated generate(Side current, Side desired, Options options) {
        PgPlan up = new PgPlan(current, desired, options.renames(), !options.unsafeFast()).build();
        PgPlan down = new PgPlan(desired, current, options.renames().stream().map(Rename::reversed).toList(), false)
                .build();
        if (up.online.isEmpty()) {
            return new Generated(up.script(), down.script(), Optional.empty(), Optional.empty());
        }
        // The down of the online migration drops the indexes it built; the main down no longer has to.
        Set<String> built = up.onlineIndexes.stream().map(i -> "DROP INDEX " + i).collect(Collectors.toSet());
        List<Step> mainDown = new ArrayList<>();
        for (Step s : down.steps) {
            if (!built.contains(s.sql())) {
                mainDown.add(s);
            }
        }
        List<Step> onlineDown = up.onlineIndexes.stream()
                .map(i -> new Step("DROP INDEX CONCURRENTLY IF EXISTS " + i, List.of())).toList();
        Script downScript = new Script(mainDown, down.dropsData, down.notGenerated);
        return new Generated(up.script(), downScript,
                Optional.of(new Script(up.online, List.of(), List.of())),
                Optional.of(new Script(onlineDown, List.of(), List.of())));
    }
}
