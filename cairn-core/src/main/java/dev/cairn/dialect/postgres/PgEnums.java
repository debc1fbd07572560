package dev.cairn.dialect.postgres;

import java.util.ArrayList;
import java.util.List;

/** Enum changes PostgreSQL can make in place: new labels, each added before or after one that stays. */
final class PgEnums {

    private PgEnums() {
    }

    /**
     * Adds {@code ALTER TYPE ... ADD VALUE} steps when every old label is kept in the same order;
     * false (nothing added) when a label goes or moves, which PostgreSQL cannot do in place.
     */
    static boolean addValues(String type, String oldDefinition, String newDefinition, PgPlan plan) {
        List<String> was = labels(oldDefinition);
        List<String> now = labels(newDefinition);
        if (!now.containsAll(was) || !now.stream().filter(was::contains).toList().equals(was)) {
            return false;
        }
        for (int i = 0; i < now.size(); i++) {
            String label = now.get(i);
            if (was.contains(label)) {
                continue;
            }
            String position = i > 0 ? " AFTER " + PgNames.literal(now.get(i - 1))
                    : was.isEmpty() ? "" : " BEFORE " + PgNames.literal(was.get(0));
            plan.add("ALTER TYPE " + type + " ADD VALUE " + PgNames.literal(label) + position,
                    "cairn: a new enum value cannot be used in the transaction that adds it");
        }
        return true;
    }

    /** The labels of {@code 'a', 'b''s'}: quoted literals separated by commas. */
    static List<String> labels(String definition) {
        List<String> out = new ArrayList<>();
        StringBuilder label = null;
        for (int i = 0; i < definition.length(); i++) {
            char ch = definition.charAt(i);
            if (label == null) {
                if (ch == '\'') {
                    label = new StringBuilder();
                }
            } else if (ch == '\'') {
                if (i + 1 < definition.length() && definition.charAt(i + 1) == '\'') {
                    label.append('\'');
                    i++;
                } else {
                    out.add(label.toString());
                    label = null;
                }
            } else {
                label.append(ch);
            }
        }
        return out;
    }
}
