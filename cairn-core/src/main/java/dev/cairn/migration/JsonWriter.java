package dev.cairn.migration;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes the values {@link Json} reads back as text, the way JavaScript's
 * {@code JSON.stringify(value, null, indent)} does, which is how drizzle-kit writes its journal.
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    /** One member per line, {@code "key": value}, empty containers as {@code {}} and {@code []}. */
    static String write(Object value, String indent) {
        StringBuilder out = new StringBuilder();
        write(out, value, indent, "");
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, String indent, String current) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            String inner = current + indent;
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(inner);
                quote(out, (String) e.getKey());
                out.append(": ");
                write(out, e.getValue(), indent, inner);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(current).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            String inner = current + indent;
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                write(out, list.get(i), indent, inner);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(current).append(']');
        } else if (value instanceof String s) {
            quote(out, s);
        } else if (value instanceof BigDecimal n) {
            out.append(n.toPlainString());
        } else if (value instanceof Number || value instanceof Boolean || value == Json.NULL) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value);
        }
    }

    /** {@code s} as a JSON string: quoted, with the escapes JSON requires. */
    public static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
