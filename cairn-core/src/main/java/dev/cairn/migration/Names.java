package dev.cairn.migration;

import java.util.Locale;

/** What file names of every convention share: descriptions and directive lookup. */
final class Names {

    private Names() {
    }

    /** {@code add_users_table} gives {@code add users table}. */
    static String describe(String name) {
        return name.replace('_', ' ').replace('-', ' ').trim();
    }

    /**
     * Whether the leading comment block of a script holds a directive such as
     * {@code -- cairn:no-transaction}.
     */
    static boolean hasDirective(String text, String directive) {
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!t.startsWith("--")) {
                return false;
            }
            if (t.substring(2).strip().toLowerCase(Locale.ROOT).startsWith(directive)) {
                return true;
            }
        }
        return false;
    }
}
