package dev.cairn.engine;

import dev.cairn.dialect.Catalog;
import dev.cairn.dialect.postgres.PgDependencies;
import dev.cairn.dialect.postgres.PgGenerator;
import dev.cairn.history.HistoryRow;
import dev.cairn.migration.Migration;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the down of a migration that has none (drizzle-kit writes none, nor does a Flyway {@code V}
 * file without its {@code U}): the schema model is read on the target before and after the migration,
 * within the migrate session and under its lock, and the generator of {@code cairn generate} writes the
 * DDL from "after" back to "before". It is stored in the history row's {@code down_sql}, its first line
 * {@link HistoryRow#COMPUTED_DOWN}, with a line per object whose data the migration dropped (a dropped
 * column or table comes back empty). Nothing is stored when the generator cannot express a difference
 * ("not generated: write it by hand") or when the schema did not change (a data migration): such a
 * migration has no down, as before.
 *
 * <p>Each computed down costs a schema model read (the "after" of one migration is the "before" of the
 * next), so a run computes them only when at most {@link #MAX_PER_RUN} of its migrations need one: a first
 * deploy or a catch-up of many migrations stays as fast as before. A failure to read or store is never the
 * migration's failure: the migration stays applied, without a computed down, and the listener is told.
 */
final class ComputedDown {

    /** A run that applies more migrations without a down than this computes none. */
    static final int MAX_PER_RUN = 10;

    private final Session db;
    private final Listener listener;
    private final boolean enabled;
    private final Set<String> excluded;
    /** The schema after the previous migration, while nothing else ran since. */
    private Optional<PgGenerator.Side> last = Optional.empty();

    private ComputedDown(Session db, Listener listener, boolean enabled) {
        this.db = db;
        this.listener = listener;
        this.enabled = enabled;
        this.excluded = Snapshot.cairnTables(db.table);
    }

    /** For a run applying {@code pending} (in order) on the locked session {@code db}. */
    static ComputedDown forRun(Session db, Listener listener, Collection<Migration> pending) {
        long wanted = pending.stream().filter(ComputedDown::lacksDown).count();
        boolean enabled = db.config.computedDowns() && db.dialect.name().equals("postgresql")
                && wanted > 0 && wanted <= MAX_PER_RUN;
        if (db.config.computedDowns() && wanted > MAX_PER_RUN) {
            listener.on(new Event.DownComputed("", "", false, wanted + " migrations without a down script in this"
                    + " run, more than " + MAX_PER_RUN + ": no down is computed for them (each costs a schema read)"));
        }
        return new ComputedDown(db, listener, enabled);
    }

    /** A versioned migration that brings no down script of its own. */
    static boolean lacksDown(Migration m) {
        return m.kind() == Migration.Kind.VERSIONED && m.down().isEmpty();
    }

    /** Before {@code m} runs: the schema now, when {@code m} gets a computed down; empty otherwise. */
    Optional<PgGenerator.Side> before(Migration m) {
        if (!enabled || !lacksDown(m)) {
            last = Optional.empty();
            return Optional.empty();
        }
        if (last.isEmpty()) {
            last = read(m);
        }
        return last;
    }

    /** After {@code m} was applied and recorded: computes its down from {@code before} and stores it. */
    void after(Migration m, Optional<PgGenerator.Side> before) {
        last = Optional.empty();
        if (before.isEmpty()) {
            return;
        }
        Optional<PgGenerator.Side> after = read(m);
        if (after.isEmpty()) {
            return;
        }
        last = after;
        String version = m.version().text();
        try {
            PgGenerator.Generated g = PgGenerator.generate(after.get(), before.get(),
                    new PgGenerator.Options(true, List.of()));
            PgGenerator.Script down = g.up();
            if (!down.notGenerated().isEmpty()) {
                listener.on(new Event.DownComputed(version, m.script(), false, "the schema change includes what the"
                        + " generator cannot express (" + down.notGenerated().stream()
                        .map(u -> u.kind() + " " + u.object()).reduce((a, b) -> a + ", " + b).orElse("")
                        + "): no down was computed; write one by hand to roll it back"));
                return;
            }
            if (down.steps().isEmpty()) {
                return; // no schema change (a data migration): nothing a computed down could undo
            }
            db.history.storeComputedDown(db.connection, version, text(down, g.down().dropsData()));
            listener.on(new Event.DownComputed(version, m.script(), true, ""));
        } catch (SQLException | RuntimeException e) {
            notStored(m, e);
        }
    }

    /** The stored text: the marker, what cannot come back, then the script. */
    static String text(PgGenerator.Script down, List<String> droppedByUp) {
        StringBuilder out = new StringBuilder(HistoryRow.COMPUTED_DOWN)
                .append(" from the schema before and after the migration; it restores the schema, not data\n");
        droppedByUp.forEach(d -> out.append(NOT_RESTORED).append(d).append(" (dropped by the migration) comes back"
                + " empty\n"));
        return out.append(down.text()).toString();
    }

    /** The line prefix naming an object whose data a computed down cannot bring back. */
    static final String NOT_RESTORED = "-- cairn: not restored: the data of ";

    private Optional<PgGenerator.Side> read(Migration m) {
        try {
            return Optional.of(new PgGenerator.Side(
                    db.dialect.require(Catalog.class, "computed downs").schema(db.connection, excluded),
                    PgDependencies.read(db.connection)));
        } catch (SQLException | RuntimeException e) {
            notStored(m, e);
            return Optional.empty();
        }
    }

    private void notStored(Migration m, Exception e) {
        last = Optional.empty();
        listener.on(new Event.DownComputed(m.version().text(), m.script(), false, "no down was computed: "
                + e.getMessage()));
    }
}
