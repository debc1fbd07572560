package dev.cairn.schema;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link SchemaModel} or a list of {@link SchemaDiff.Difference}s as JSON: each record
 * an object whose members are its components in declaration order, enums in lower case with
 * spaces, two-space indentation. Deterministic like the model.
 */
public final class SchemaJson {

    private SchemaJson() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        String inner = indent + "  ";
        if (value instanceof Record r) {
            RecordComponent[] parts = r.getClass().getRecordComponents();
            out.append("{\n");
            for (int i = 0; i < parts.length; i++) {
                out.append(inner);
                string(out, parts[i].getName());
                out.append(": ");
                try {
                    write(out, parts[i].getAccessor().invoke(r), inner);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                out.append(i + 1 < parts.length ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                write(out, list.get(i), inner);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof Enum<?> e) {
            string(out, e.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            string(out, String.valueOf(value));
        }
    }

    private static void string(StringBuilder out, String s) {
        dev.cairn.migration.JsonWriter.quote(out, s);
    }
}
