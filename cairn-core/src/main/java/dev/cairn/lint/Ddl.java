package dev.cairn.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A statement's text as the rules read it: comments removed, whitespace outside literals folded to
 * single spaces, the trailing {@code ;} dropped. Literals and identifiers are kept as written, so
 * the safer SQL built from it runs.
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

    /** The folded text of a statement. */
    static String fold(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                space(out);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = dev.cairn.sql.SqlStatement.blockCommentEnd(sql, i);
                space(out);
            } else if (c == '\'') {
                int end = quoteEnd(sql, i, '\'');
                out.append(sql, i, end);
                i = end;
            } else if (c == '"') {
                int end = quoteEnd(sql, i, '"');
                out.append(sql, i, end);
                i = end;
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int close = sql.indexOf(tag, i + tag.length());
                int end = close < 0 ? n : close + tag.length();
                out.append(sql, i, end);
                i = end;
            } else if (Character.isWhitespace(c)) {
                space(out);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        String s = out.toString().strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    private static void space(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
    }

    private static int quoteEnd(String sql, int open, char q) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == q) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    private static String dollarTag(String sql, int at) {
        int i = at + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i < sql.length() && sql.charAt(i) == '$' && (i == at + 1 || !Character.isDigit(sql.charAt(at + 1)))) {
            return sql.substring(at, i + 1);
        }
        return null;
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
