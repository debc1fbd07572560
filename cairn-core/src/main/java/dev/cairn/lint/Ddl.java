package dev.cairn.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the rules read in a statement's folded text ({@link dev.cairn.sql.SqlSplitter#fold(String)}:
 * comments removed, whitespace outside literals folded to single spaces, the trailing {@code ;}
 * dropped): patterns for names, names as PostgreSQL sees them, lists and parentheses.
 */
final class Ddl {

    static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    static final String QNAME = IDENT + "(?:\\s*\\.\\s*" + IDENT + "){0,2}";

    private Ddl() {
    }

    static Pattern pattern(String regex) {
        return Pattern.compile(regex.replace("QNAME", QNAME).replace("IDENT", IDENT),
                Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /** An identifier as PostgreSQL sees it: unquoted folded to lower case, quoted as written. */
    static String unquote(String ident) {
        String s = ident.strip();
        if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** A table's key in the rules' state: {@code name} in public (or unqualified), else {@code schema.name}. */
    static String key(String qname) {
        List<String> parts = new ArrayList<>();
        for (String p : splitTop(qname, '.')) {
            parts.add(unquote(p));
        }
        if (parts.size() > 2) {
            parts = parts.subList(parts.size() - 2, parts.size());
        }
        return parts.size() == 2 && !parts.get(0).equals("public") ? parts.get(0) + "." + parts.get(1)
                : parts.get(parts.size() - 1);
    }

    /** Splits at {@code sep} outside parentheses and double quotes. */
    static List<String> splitTop(String s, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        boolean literal = false;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' && !quoted) {
                literal = !literal;
            } else if (literal) {
                continue;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == sep) {
                out.add(s.substring(from, i).strip());
                from = i + 1;
            }
        }
        out.add(s.substring(from).strip());
        return out;
    }

    /** The text inside the parentheses that open at or after {@code from}, or empty text. */
    static String parenthesized(String s, int from) {
        int open = s.indexOf('(', from);
        if (open < 0) {
            return "";
        }
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '(') {
                depth++;
            } else if (s.charAt(i) == ')' && --depth == 0) {
                return s.substring(open + 1, i);
            }
        }
        return s.substring(open + 1);
    }

    /** A type written in a column definition, lower-cased with single spaces: {@code character varying(20)}. */
    static String type(String written) {
        return written.strip().toLowerCase(Locale.ROOT).replaceAll("\\s*\\(\\s*", "(").replaceAll("\\s*,\\s*", ",")
                .replaceAll("\\s*\\)", ")");
    }
}
