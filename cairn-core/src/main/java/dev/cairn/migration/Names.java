package dev.cairn.migration;

import dev.cairn.error.CairnException;
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

    /**
     * A file whose content says it is a migration of some convention, but whose name has no
     * version to order it by: an error rather than a file silently left out.
     */
    static CairnException noVersion(MigrationFile file, String has, String example) {
        return CairnException.usage("file.no-version", file.display() + ": has " + has
                + " but no version at the start of its name, so it cannot be ordered; name it like " + example
                + ", or add it to the ignore globs");
    }
}
