package dev.cairn.lint;

import dev.cairn.error.Next;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules read from a statement's text and the state of the statements before it. What they
 * cannot know (is the table big, does this type change rewrite) observation on a scratch database
 * decides; see {@link Linter}.
 */
final class StaticRules {

    /** One rule's hit on a statement: the table it is about (state key), what and the safer SQL. */
    record Hit(Rule rule, String table, String message, String safer) {
    }

    private static final Pattern CREATE_TABLE = Ddl.pattern("^CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?(?:(?:TEMPORARY|TEMP"
            + "|UNLOGGED)\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(QNAME)(.*)$");
    private static final Pattern CREATE_INDEX = Ddl.pattern("^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:(?!ON\\b)(QNAME)\\s+)?ON\\s+(?:ONLY\\s+)?(QNAME)");
    private static final Pattern DROP_INDEX = Ddl.pattern("^DROP\\s+INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?"
            + "(QNAME)");
    private static final Pattern DROP_TABLE = Ddl.pattern("^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(.+?)"
            + "(?:\\s+(?:CASCADE|RESTRICT))?$");
    private static final Pattern DROP_DATABASE = Ddl.pattern("^DROP\\s+DATABASE\\b");
    private static final Pattern ALTER_TABLE = Ddl.pattern("^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
            + "(QNAME)\\s*\\*?\\s+(.+)$");

    private StaticRules() {
    }

    static List<Hit> check(String sql, State state) {
        List<Hit> hits = new ArrayList<>();
        Matcher m;
        dev.cairn.sql.TransactionControl.Kind tx = dev.cairn.sql.TransactionControl.of(
                new dev.cairn.sql.SqlStatement(1, 1, sql, ""));
        if (tx == dev.cairn.sql.TransactionControl.Kind.BEGIN) {
            if (state.inBlock) {
                hits.add(new Hit(Rule.TRANSACTION_NESTING, "", "BEGIN inside a transaction the file already opened:"
                        + " PostgreSQL warns and ignores it, and the first COMMIT ends both",
                        "-- remove this BEGIN and its COMMIT: Cairn already runs each migration in a transaction"));
            } else if (state.ended) {
                hits.add(new Hit(Rule.TRANSACTION_NESTING, "", "a second BEGIN after the file's COMMIT: the file"
                        + " controls its own transactions, so Cairn runs it without its transaction and a failure here"
                        + " leaves what was committed above applied", "-- split the file: one migration per transaction"));
            }
            state.inBlock = true;
        } else if (tx == dev.cairn.sql.TransactionControl.Kind.END) {
            state.inBlock = false;
            state.ended = true;
        } else if ((m = CREATE_TABLE.matcher(sql)).find()) {
            createTable(Ddl.key(m.group(1)), m.group(2), state, hits);
        } else if ((m = CREATE_INDEX.matcher(sql)).find()) {
            createIndex(sql, m, state, hits);
        } else if ((m = DROP_INDEX.matcher(sql)).find()) {
            if (m.group(1) == null && !state.fileIndexes.contains(Ddl.key(m.group(2)))) {
                hits.add(new Hit(Rule.REQUIRE_CONCURRENT_INDEX_DELETION, "", "DROP INDEX " + m.group(2) + " takes ACCESS"
                        + " EXCLUSIVE on its table: reads and writes wait until it ends",
                        insertAfter(sql, "INDEX", "CONCURRENTLY") + ";\n-- CONCURRENTLY cannot run in a transaction:"
                                + " Cairn runs the migration without one (put it in a migration of its own)"));
            }
        } else if ((m = DROP_TABLE.matcher(sql)).find()) {
            for (String t : Ddl.splitTop(m.group(1), ',')) {
                if (!state.isNew(Ddl.key(t))) {
                    hits.add(new Hit(Rule.BAN_DROP_TABLE, Ddl.key(t), "DROP TABLE " + t + " deletes its rows for good"
                            + " and breaks every client still using it", "-- stop using " + t + " in the application"
                            + " and deploy that first; keep a backup (" + Next.action("backup")
                            + "); then drop it in a later migration,"
                            + " with -- cairn:lint-ignore ban-drop-table"));
                }
            }
        } else if (DROP_DATABASE.matcher(sql).find()) {
            hits.add(new Hit(Rule.BAN_DROP_DATABASE, "", "DROP DATABASE in a migration", "-- drop databases by hand"));
        } else if ((m = ALTER_TABLE.matcher(sql)).find()) {
            AlterTable.check(m.group(1), Ddl.key(m.group(1)), m.group(2), state, hits);
        }
        return hits;
    }

    private static void createTable(String table, String rest, State state, List<Hit> hits) {
        state.fileTables.add(table);
        String body = Ddl.parenthesized(rest, 0);
        if (body.isEmpty() || rest.strip().toUpperCase(Locale.ROOT).startsWith("AS ")
                || rest.strip().toUpperCase(Locale.ROOT).startsWith("PARTITION OF")) {
            return;
        }
        for (String def : Ddl.splitTop(body, ',')) {
            Column.parse(def).filter(c -> !isTableConstraint(def)).ifPresent(c -> {
                state.types.put(table + "." + c.name(), c.type());
                typeHits(table, c, hits);
            });
            proving(def).ifPresent(col -> state.proven.add(table + "." + col));
        }
    }

    static boolean isTableConstraint(String def) {
        return def.strip().toUpperCase(Locale.ROOT).matches("^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN|EXCLUDE|LIKE)\\b.*");
    }

    /** The column a {@code CHECK (col IS NOT NULL)} proves not null, if the text is one. */
    static Optional<String> proving(String def) {
        Matcher m = Ddl.pattern("CHECK\\s*\\(\\s*\\(?\\s*(IDENT)\\s+IS\\s+NOT\\s+NULL\\s*\\)?\\s*\\)").matcher(def);
        return m.find() ? Optional.of(Ddl.unquote(m.group(1))) : Optional.empty();
    }

    /** The json rule and the style hints for a new column. */
    static void typeHits(String table, Column c, List<Hit> hits) {
        String t = c.type();
        String where = table + "." + c.name();
        if (t.equals("json")) {
            hits.add(new Hit(Rule.PREFER_JSONB, table, where + " is json: it has no equality operator, so DISTINCT,"
                    + " UNION and GROUP BY on it fail, and it is parsed again on every read", "-- use jsonb: "
                    + c.name() + " jsonb"));
        }
        if (t.matches("(int|integer|int4|smallint|int2|serial|serial4|smallserial|serial2)")) {
            hits.add(new Hit(Rule.PREFER_BIG_INT, table, where + " is " + t + ", which overflows at 2^31",
                    "-- " + c.name() + " bigint"));
        }
        if (c.serial()) {
            hits.add(new Hit(Rule.PREFER_IDENTITY, table, where + " is " + t, "-- " + c.name()
                    + " bigint GENERATED BY DEFAULT AS IDENTITY"));
        }
        if (t.matches("timestamp(\\(\\d\\))?( without time zone)?")) {
            hits.add(new Hit(Rule.PREFER_TIMESTAMPTZ, table, where + " is timestamp without time zone",
                    "-- " + c.name() + " timestamptz"));
        }
        if (t.matches("(varchar|character varying)\\(\\d+\\)")) {
            hits.add(new Hit(Rule.PREFER_TEXT_FIELD, table, where + " is " + t, "-- " + c.name() + " text CHECK"
                    + " (char_length(" + c.name() + ") <= N)"));
        }
        if (t.matches("(char|character|bpchar)(\\(\\d+\\))?")) {
            hits.add(new Hit(Rule.BAN_CHAR_FIELD, table, where + " is " + t, "-- " + c.name() + " text"));
        }
    }

    private static void createIndex(String sql, Matcher m, State state, List<Hit> hits) {
        String table = Ddl.key(m.group(4));
        if (m.group(3) != null) {
            state.fileIndexes.add(Ddl.key(m.group(3)));
        }
        boolean concurrent = m.group(2) != null;
        if (concurrent && state.inBlock) {
            hits.add(new Hit(Rule.BAN_CONCURRENT_INDEX_CREATION_IN_TRANSACTION, table, "CREATE INDEX CONCURRENTLY"
                    + " inside the file's BEGIN ... COMMIT fails: it cannot run in a transaction block",
                    "-- cairn:no-transaction\n" + sql + ";\n-- in a migration of its own, without BEGIN/COMMIT"));
        } else if (!concurrent && !state.isNew(table)) {
            hits.add(new Hit(Rule.REQUIRE_CONCURRENT_INDEX_CREATION, table, "CREATE INDEX on " + m.group(4)
                    + " takes a SHARE lock: writes to the table wait until the index is built",
                    insertAfter(sql, "INDEX", "CONCURRENTLY") + ";\n-- CONCURRENTLY cannot run in a transaction: Cairn"
                            + " runs the migration without one (put it in a migration of its own)"));
        }
    }

    /** The statement with {@code word} inserted after the first {@code after} keyword. */
    static String insertAfter(String sql, String after, String word) {
        return sql.replaceFirst("(?i)\\b" + after + "\\b", after + " " + word);
    }
}
