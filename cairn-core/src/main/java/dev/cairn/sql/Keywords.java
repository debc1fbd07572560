package dev.cairn.sql;

import java.util.Locale;

/** The leading keywords of a statement, for recognising its kind without parsing it. */
public final class Keywords {

    private Keywords() {
    }

    /**
     * The first {@code words} words of a statement, upper-cased and joined by single spaces;
     * comments are skipped and reading stops at the first character that is not part of a word.
     */
    public static String leading(String sql, int words) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        int i = 0;
        while (i < sql.length() && n < words) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                out.append(n++ == 0 ? "" : " ").append(sql, s, i);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                break;
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * Whether {@code text} holds {@code needle}, ignoring case, without copying the text: the cheap
     * test each content-claimed convention makes before it parses a file (so that scanning stays
     * close to reading as conventions are added), and the runner's test for {@code RETURNING}. Candidates are found with {@link String#indexOf(int, int)}
     * (a vectorised intrinsic) for each case of the needle's first character.
     */
    public static boolean containsIgnoreCase(String text, String needle) {
        if (needle.isEmpty()) {
            return true;
        }
        char first = needle.charAt(0);
        char lower = Character.toLowerCase(first);
        char upper = Character.toUpperCase(first);
        return startsAnywhere(text, needle, lower) || upper != lower && startsAnywhere(text, needle, upper);
    }

    private static boolean startsAnywhere(String text, String needle, char first) {
        int last = text.length() - needle.length();
        for (int i = text.indexOf(first); i >= 0 && i <= last; i = text.indexOf(first, i + 1)) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a statement holds nothing the server would run: only whitespace, {@code --} and
     * (nested) block comments, and semicolons.
     */
    public static boolean onlyComments(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int depth = 0;
                do {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (depth > 0 && i < sql.length());
            } else if (Character.isWhitespace(c) || c == ';' || c == '\uFEFF') {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }
}
