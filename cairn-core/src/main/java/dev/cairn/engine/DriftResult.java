package dev.cairn.engine;

import dev.cairn.schema.SchemaDiff;
import java.util.List;

/**
 * What {@code drift} found.
 *
 * @param drifted     whether the live schema differs from the migrations replayed
 * @param replayed    how many applied migrations were replayed on the scratch database
 * @param differences each difference; expected is the migrations' side, actual the database's
 */
public record DriftResult(boolean drifted, int replayed, List<SchemaDiff.Difference> differences) {

    public DriftResult {
        differences = List.copyOf(differences);
    }

    /** One line per difference, such as {@code column public.orders.note: in the database, not in the migrations}. */
    public static String describe(SchemaDiff.Difference d) {
        return d.kind() + " " + d.object() + ": " + switch (d.change()) {
            case ADDED -> "in the database, not in the migrations";
            case REMOVED -> "in the migrations, not in the database";
            case CHANGED -> d.expected().contains("\n") || d.actual().contains("\n") ? firstDifference(d)
                    : "differs: the migrations give " + d.expected() + "; the database has " + d.actual();
        };
    }

    /** For a definition of several lines, the first line that differs, so one difference stays one line. */
    private static String firstDifference(SchemaDiff.Difference d) {
        String[] want = d.expected().split("\n", -1);
        String[] have = d.actual().split("\n", -1);
        int i = 0;
        while (i < want.length && i < have.length && want[i].equals(have[i])) {
            i++;
        }
        return "differs at line " + (i + 1) + " of its definition: the migrations give "
                + (i < want.length ? want[i].strip() : "(end)") + "; the database has "
                + (i < have.length ? have[i].strip() : "(end)");
    }
}
