package dev.cairn.lint;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column definition: {@code name type [constraints]}, as in CREATE TABLE and ADD COLUMN.
 *
 * @param name       the column, as PostgreSQL stores it
 * @param type       the type, lower-cased ({@code varchar(20)}, {@code bigint})
 * @param notNull    NOT NULL or PRIMARY KEY
 * @param defaultSql the DEFAULT expression, empty when none
 * @param generated  GENERATED ... AS IDENTITY or GENERATED ALWAYS AS (...) STORED
 */
record Column(String name, String type, boolean notNull, Optional<String> defaultSql, boolean generated) {

    private static final Pattern CONSTRAINT_WORD = Ddl.pattern(
            "\\s(CONSTRAINT|NOT\\s+NULL|NULL|DEFAULT|PRIMARY\\s+KEY|UNIQUE|CHECK|REFERENCES|GENERATED|COLLATE)\\b");
    private static final Pattern DEFAULT = Ddl.pattern("\\sDEFAULT\\s+(.+?)(?=\\s(?:CONSTRAINT|NOT\\s+NULL|NULL|PRIMARY"
            + "|UNIQUE|CHECK|REFERENCES|GENERATED|COLLATE)\\b|$)");
    private static final Pattern VOLATILE = Ddl.pattern("\\b(random|gen_random_uuid|uuid_generate_v1|uuid_generate_v1mc"
            + "|uuid_generate_v4|clock_timestamp|timeofday|nextval|txid_current|statement_timestamp)\\s*\\(");

    /** Parses {@code name type ...}; empty when the text is not a column definition. */
    static Optional<Column> parse(String def) {
        Matcher m = Ddl.pattern("^(IDENT)\\s+(.+)$").matcher(def.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = " " + m.group(2);
        Matcher c = CONSTRAINT_WORD.matcher(depthZero(rest));
        int typeEnd = c.find() ? c.start() : rest.length();
        String type = Ddl.type(rest.substring(0, typeEnd));
        String constraints = rest.substring(typeEnd);
        String upper = constraints.toUpperCase(Locale.ROOT);
        Matcher d = DEFAULT.matcher(constraints);
        Optional<String> dflt = d.find() ? Optional.of(d.group(1).strip()) : Optional.empty();
        boolean notNull = upper.matches(".*\\bNOT\\s+NULL\\b.*") || upper.matches(".*\\bPRIMARY\\s+KEY\\b.*");
        return Optional.of(new Column(Ddl.unquote(m.group(1)), type, notNull, dflt,
                upper.matches(".*\\bGENERATED\\b.*")));
    }

    /** The text with everything inside parentheses blanked, so constraint words inside CHECK (...) do not count. */
    private static String depthZero(String s) {
        StringBuilder b = new StringBuilder(s);
        int depth = 0;
        for (int i = 0; i < b.length(); i++) {
            char ch = b.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (depth > 0) {
                b.setCharAt(i, '_');
            }
        }
        return b.toString();
    }

    boolean serial() {
        return type.matches("(small|big)?serial[248]?");
    }

    /** Whether adding this column to an existing table rewrites it (PostgreSQL 11 and later). */
    boolean rewritesOnAdd() {
        return serial() || generated || defaultSql.filter(x -> VOLATILE.matcher(x).find()).isPresent();
    }

    /**
     * Whether changing a column from type {@code from} to {@code to} is binary-compatible (no rewrite):
     * a longer or unlimited varchar, varchar to text, a wider numeric of the same scale.
     */
    static boolean noRewrite(String from, String to) {
        String f = canonical(from);
        String t = canonical(to);
        if (f.equals(t) || t.equals("text") && f.startsWith("varchar")) {
            return true;
        }
        Matcher vf = Pattern.compile("varchar(?:\\((\\d+)\\))?").matcher(f);
        Matcher vt = Pattern.compile("varchar(?:\\((\\d+)\\))?").matcher(t);
        if ((vf.matches() || f.equals("text")) && vt.matches()) {
            return vt.group(1) == null && (f.equals("text") || vf.group(1) == null) || vf.matches() && vf.group(1) != null
                    && vt.group(1) != null && Integer.parseInt(vt.group(1)) >= Integer.parseInt(vf.group(1));
        }
        Matcher nf = Pattern.compile("numeric\\((\\d+),(\\d+)\\)").matcher(f);
        Matcher nt = Pattern.compile("numeric\\((\\d+),(\\d+)\\)").matcher(t);
        return nf.matches() && nt.matches() && nf.group(2).equals(nt.group(2))
                && Integer.parseInt(nt.group(1)) >= Integer.parseInt(nf.group(1));
    }

    static String canonical(String type) {
        return type.replace("character varying", "varchar").replaceAll("^numeric\\((\\d+)\\)$", "numeric($1,0)")
                .replaceAll("^decimal", "numeric");
    }
}
