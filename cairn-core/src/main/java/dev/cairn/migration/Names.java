package dev.cairn.migration;

import dev.cairn.error.CairnException;

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
        // Only the leading comment block is read, without copying: the loop ends at the first line of SQL.
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            end = end < 0 ? text.length() : end;
            int i = skipBlanks(text, from, end);
            if (i < end) {
                if (!text.startsWith("--", i)) {
                    return false;
                }
                i = skipBlanks(text, i + 2, end);
                if (end - i >= directive.length() && text.regionMatches(true, i, directive, 0, directive.length())) {
                    return true;
                }
            }
            from = end + 1;
        }
        return false;
    }

    private static int skipBlanks(String text, int from, int end) {
        int i = from;
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
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
