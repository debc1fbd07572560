package dev.cairn.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares two schema models object by object. */
public final class SchemaDiff {

    private SchemaDiff() {
    }

    /** How an object differs: present only in the actual model, only in the expected one, or in both but unequal. */
    public enum Change {
        ADDED, REMOVED, CHANGED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One difference.
     *
     * @param kind     {@code table}, {@code column}, {@code index}, ...
     * @param object   the qualified name, such as {@code public.orders.total}
     * @param expected the object's properties in the expected model, empty when {@link Change#ADDED}
     * @param actual   the object's properties in the actual model, empty when {@link Change#REMOVED}
     */
    public record Difference(String kind, String object, Change change, String expected, String actual) {
    }

    /** Every difference, ordered by kind, object name and change; empty when the models are equal. */
    public static List<Difference> between(SchemaModel expected, SchemaModel actual) {
        Map<String, SchemaModel.Entry> want = index(expected);
        Map<String, SchemaModel.Entry> have = index(actual);
        TreeSet<String> keys = new TreeSet<>(want.keySet());
        keys.addAll(have.keySet());
        List<Difference> out = new ArrayList<>();
        for (String k : keys) {
            SchemaModel.Entry w = want.get(k);
            SchemaModel.Entry h = have.get(k);
            if (w == null) {
                out.add(new Difference(h.kind(), h.name(), Change.ADDED, "", h.text()));
            } else if (h == null) {
                out.add(new Difference(w.kind(), w.name(), Change.REMOVED, w.text(), ""));
            } else if (!w.text().equals(h.text())) {
                out.add(new Difference(w.kind(), w.name(), Change.CHANGED, w.text(), h.text()));
            }
        }
        out.sort(Comparator.comparing(Difference::kind).thenComparing(Difference::object)
                .thenComparing(Difference::change));
        return List.copyOf(out);
    }

    private static Map<String, SchemaModel.Entry> index(SchemaModel model) {
        Map<String, SchemaModel.Entry> out = new LinkedHashMap<>();
        for (SchemaModel.Entry e : model.entries()) {
            out.put(e.kind() + "\u0000" + e.name(), e);
        }
        return out;
    }
}
