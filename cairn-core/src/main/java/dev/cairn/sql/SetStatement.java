package dev.cairn.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a {@code SET} or {@code RESET} statement does to {@code standard_conforming_strings}, read
 * statically: the splitter lexes the plain strings after it the way psql then would. Only statements
 * starting with SET or RESET come here, so this costs nothing elsewhere.
 * See <a href="https://www.postgresql.org/docs/current/sql-set.html">SET</a>.
 */
final class SetStatement {

    private static final String NAME = "standard_conforming_strings";

    private SetStatement() {
    }

    /**
     * The value the statement gives {@code standard_conforming_strings}: {@code SET [SESSION|LOCAL] ... TO|=
     * on|off|true|false|yes|no|1|0|DEFAULT} (quoted or not), {@code RESET standard_conforming_strings},
     * {@code RESET ALL}; empty for any other statement. DEFAULT and RESET give the server's default, on.
     */
    static Optional<Boolean> standardConformingStrings(String sql) {
        List<String> w = words(sql);
        if (w.size() >= 2 && w.get(0).equals("reset")) {
            return w.get(1).equals(NAME) || w.get(1).equals("all") ? Optional.of(true) : Optional.empty();
        }
        int i = 1;
        if (w.size() > i && (w.get(i).equals("session") || w.get(i).equals("local"))) {
            i++;
        }
        if (w.size() < i + 3 || !w.get(0).equals("set") || !w.get(i).equals(NAME)
                || !(w.get(i + 1).equals("to") || w.get(i + 1).equals("="))) {
            return Optional.empty();
        }
        return bool(w.get(i + 2));
    }

    /** PostgreSQL's parse_bool: a unique prefix of true/false/yes/no, on/off (two letters at least), 1/0. */
    private static Optional<Boolean> bool(String v) {
        if (v.equals("default") || v.equals("1")) {
            return Optional.of(true);
        }
        if (v.equals("0")) {
            return Optional.of(false);
        }
        if (!v.isEmpty() && ("true".startsWith(v) || "yes".startsWith(v))) {
            return Optional.of(true);
        }
        if (!v.isEmpty() && ("false".startsWith(v) || "no".startsWith(v))) {
            return Optional.of(false);
        }
        if (v.length() >= 2 && "off".startsWith(v)) {
            return Optional.of(false);
        }
        return v.equals("on") ? Optional.of(true) : Optional.empty();
    }

    /** Lowercase words, quoted values without their quotes, and {@code =}; comments and {@code ;} skipped. */
    private static List<String> words(String sql) {
        List<String> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n && out.size() < 6) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '\'' || c == '"') {
                int close = sql.indexOf(c, i + 1);
                close = close < 0 ? n : close;
                out.add(sql.substring(i + 1, close).toLowerCase(Locale.ROOT).strip());
                i = close + 1;
            } else if (c == '=') {
                out.add("=");
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                out.add(sql.substring(i, end).toLowerCase(Locale.ROOT));
                i = end;
            } else {
                i++;
            }
        }
        return out;
    }
}
