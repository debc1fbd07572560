package dev.cairn.engine;

import dev.cairn.sql.Keywords;
import dev.cairn.sql.SqlStatement;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The schemas the migrations create ({@code CREATE SCHEMA [IF NOT EXISTS] name} or
 * {@code ... AUTHORIZATION role}), as the server names them: what {@code reset} manages besides the
 * schemas holding tables, and which it must drop whole for the migrations to run again.
 */
final class CreatedSchemas {

    private CreatedSchemas() {
    }

    /** Every schema a migration creates. */
    static List<String> all(Collection<ScriptPlan> plans) {
        return find(plans, false);
    }

    /** The schemas a migration creates without {@code IF NOT EXISTS}: running it again needs them gone. */
    static List<String> strict(Collection<ScriptPlan> plans) {
        return find(plans, true);
    }

    private static List<String> find(Collection<ScriptPlan> plans, boolean strictOnly) {
        Set<String> out = new LinkedHashSet<>();
        for (ScriptPlan plan : plans) {
            for (SqlStatement st : plan.statements()) {
                if (Keywords.leading(st.sql(), 2).equals("CREATE SCHEMA")) {
                    name(st.sql(), strictOnly).ifPresent(out::add);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The schema's name in a {@code CREATE SCHEMA} statement; empty when it cannot be told or is not wanted. */
    private static java.util.Optional<String> name(String sql, boolean strictOnly) {
        Tokens t = new Tokens(sql);
        t.word(); // CREATE
        t.word(); // SCHEMA
        boolean ifNotExists = false;
        int mark = t.pos;
        if (t.word().equals("IF") && t.word().equals("NOT") && t.word().equals("EXISTS")) {
            ifNotExists = true;
        } else {
            t.pos = mark;
        }
        if (strictOnly && ifNotExists) {
            return java.util.Optional.empty();
        }
        mark = t.pos;
        if (t.word().equals("AUTHORIZATION")) {
            // CREATE SCHEMA AUTHORIZATION role: the schema is named after the role.
            return t.identifier().filter(n -> !n.equalsIgnoreCase("CURRENT_USER") && !n.equalsIgnoreCase("SESSION_USER")
                    && !n.equalsIgnoreCase("CURRENT_ROLE"));
        }
        t.pos = mark;
        return t.identifier();
    }

    /** A cursor over a statement's leading words and identifiers, skipping whitespace and comments. */
    private static final class Tokens {
        private final String sql;
        int pos;

        Tokens(String sql) {
            this.sql = sql;
        }

        private void skip() {
            while (pos < sql.length()) {
                if (Character.isWhitespace(sql.charAt(pos))) {
                    pos++;
                } else if (sql.startsWith("--", pos)) {
                    int nl = sql.indexOf('\n', pos);
                    pos = nl < 0 ? sql.length() : nl + 1;
                } else if (sql.startsWith("/*", pos)) {
                    int end = sql.indexOf("*/", pos + 2);
                    pos = end < 0 ? sql.length() : end + 2;
                } else {
                    return;
                }
            }
        }

        /** The next unquoted word, upper-cased; empty text when none. */
        String word() {
            skip();
            int s = pos;
            while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_'
                    || sql.charAt(pos) == '$')) {
                pos++;
            }
            return sql.substring(s, pos).toUpperCase(Locale.ROOT);
        }

        /** The next identifier as the server stores it: quoted as written, unquoted folded to lower case. */
        java.util.Optional<String> identifier() {
            skip();
            if (pos < sql.length() && sql.charAt(pos) == '"') {
                StringBuilder name = new StringBuilder();
                int i = pos + 1;
                while (i < sql.length()) {
                    char c = sql.charAt(i);
                    if (c == '"' && i + 1 < sql.length() && sql.charAt(i + 1) == '"') {
                        name.append('"');
                        i += 2;
                    } else if (c == '"') {
                        pos = i + 1;
                        return java.util.Optional.of(name.toString());
                    } else {
                        name.append(c);
                        i++;
                    }
                }
                return java.util.Optional.empty();
            }
            int s = pos;
            String w = word();
            return w.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(sql.substring(s, pos).toLowerCase(Locale.ROOT));
        }
    }
}
