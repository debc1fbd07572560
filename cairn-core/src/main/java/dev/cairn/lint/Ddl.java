package dev.cairn.lint;

import dev.cairn.sql.SqlSplitter;
import dev.cairn.sql.SqlSyntaxException;
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

    /** Splits at {@code sep} outside parentheses, quotes and comments. */
    static List<String> splitTop(String s, char sep) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (SqlSplitter.Token t : tokens(s)) {
            if (t.depth() == 0 && t.end() == t.start() + 1 && s.charAt(t.start()) == sep) {
                out.add(s.substring(from, t.start()).strip());
                from = t.end();
            }
        }
        out.add(s.substring(from).strip());
        return out;
    }

    /** The text inside the parentheses that open at or after {@code from}, or empty text. */
    static String parenthesized(String s, int from) {
        List<SqlSplitter.Token> tokens = tokens(s);
        for (int i = 0; i < tokens.size(); i++) {
            SqlSplitter.Token open = tokens.get(i);
            if (open.start() >= from && s.charAt(open.start()) == '(') {
                for (SqlSplitter.Token close : tokens.subList(i + 1, tokens.size())) {
                    if (close.depth() == open.depth() + 1 && s.charAt(close.start()) == ')') {
                        return s.substring(open.end(), close.start());
                    }
                }
                return s.substring(open.end());
            }
        }
        return "";
    }

    /** The tokens of a folded statement; none when it does not lex on its own (the rules then match nothing). */
    private static List<SqlSplitter.Token> tokens(String s) {
        try {
            return SqlSplitter.tokens(s);
        } catch (SqlSyntaxException e) {
            return List.of();
        }
    }

    /** A type written in a column definition, lower-cased with single spaces: {@code character varying(20)}. */
    static String type(String written) {
        return written.strip().toLowerCase(Locale.ROOT).replaceAll("\\s*\\(\\s*", "(").replaceAll("\\s*,\\s*", ",")
                .replaceAll("\\s*\\)", ")");
    }
}
