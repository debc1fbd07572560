package dev.cairn.lint;

import dev.cairn.sql.SqlStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -- cairn:lint-ignore RULE[,RULE]} directives of a script: those in its leading comment
 * cover the whole file, one in the comment lines just before a statement covers that statement.
 */
final class Ignores {

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*--\\s*cairn:lint-ignore\\b(.*)$",
            Pattern.CASE_INSENSITIVE);

    /** One rule named by one directive, and whether it suppressed something. */
    static final class Entry {
        final String rule;
        final int line;
        /** The statement's line it covers, 0 for the whole file. */
        final int statement;
        boolean used;

        Entry(String rule, int line, int statement) {
            this.rule = rule;
            this.line = line;
            this.statement = statement;
        }
    }

    final List<Entry> entries;

    private Ignores(List<Entry> entries) {
        this.entries = entries;
    }

    static Ignores of(String text, int firstLine, List<SqlStatement> statements) {
        String[] lines = text.split("\n", -1);
        List<Entry> out = new ArrayList<>();
        int from = 0;
        boolean leading = true;
        for (SqlStatement st : statements) {
            int to = st.line() - firstLine;
            for (int i = Math.max(0, from); i < Math.min(to, lines.length); i++) {
                Matcher m = DIRECTIVE.matcher(lines[i]);
                if (m.matches()) {
                    for (String rule : rules(m.group(1))) {
                        out.add(new Entry(rule, firstLine + i, leading ? 0 : st.line()));
                    }
                }
            }
            leading = false;
            from = to + (int) st.sql().chars().filter(c -> c == '\n').count() + st.droppedLines().size()
                    + (int) st.copyData().chars().filter(c -> c == '\n').count() + 1;
        }
        return new Ignores(out);
    }

    /** The rule ids of a directive's rest: {@code ban-drop-column, renaming-column}. */
    static Set<String> rules(String rest) {
        Set<String> out = new LinkedHashSet<>();
        for (String word : rest.strip().split("[,\\s]+")) {
            if (!word.matches("[a-z0-9-]+")) {
                break;
            }
            out.add(word);
        }
        return out;
    }

    /** Whether a directive covers this rule at this statement; marks it used. */
    boolean covers(String rule, int statementLine) {
        boolean hit = false;
        for (Entry e : entries) {
            if (e.rule.equals(rule) && (e.statement == 0 || e.statement == statementLine)) {
                e.used = true;
                hit = true;
            }
        }
        return hit;
    }
}
