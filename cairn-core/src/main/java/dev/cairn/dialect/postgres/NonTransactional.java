package dev.cairn.dialect.postgres;

import dev.cairn.sql.Keywords;
import java.util.List;

/**
 * Statements PostgreSQL refuses inside a transaction block (SQLSTATE 25001), recognised by their
 * leading keywords. See each command's page, e.g.
 * https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY
 */
final class NonTransactional {

    private NonTransactional() {
    }

    static String reason(String sql, int serverMajorVersion) {
        String w = Keywords.leading(sql, 8);
        // Prefix tests, not String.matches: that compiles a pattern per call, for every statement of every file.
        if (w.startsWith("CREATE INDEX CONCURRENTLY") || w.startsWith("CREATE UNIQUE INDEX CONCURRENTLY")) {
            return "CREATE INDEX CONCURRENTLY";
        }
        if (w.startsWith("DROP INDEX CONCURRENTLY")) {
            return "DROP INDEX CONCURRENTLY";
        }
        if ((w.equals("REINDEX") || w.startsWith("REINDEX ")) && reindexConcurrently(sql, w)) {
            return "REINDEX CONCURRENTLY";
        }
        for (String s : new String[] {"VACUUM", "ALTER SYSTEM", "CREATE DATABASE", "DROP DATABASE",
                "CREATE TABLESPACE", "DROP TABLESPACE"}) {
            if (w.equals(s) || w.startsWith(s + " ")) {
                return s;
            }
        }
        if (serverMajorVersion < 12 && w.startsWith("ALTER TYPE ") && Keywords.leading(sql, 12).contains("ADD VALUE")) {
            return "ALTER TYPE ... ADD VALUE before PostgreSQL 12";
        }
        return "";
    }

    /**
     * {@code REINDEX [ ( option, ... ) ] { INDEX | TABLE | ... } [ CONCURRENTLY ] name}: CONCURRENTLY
     * as a keyword before the name, or in the option list (PostgreSQL 14+); not in a comment or a name.
     */
    private static boolean reindexConcurrently(String sql, String leading) {
        if (leading.contains("CONCURRENTLY")) {
            return true;
        }
        int open = sql.indexOf('(');
        if (open < 0 || !Keywords.leading(sql.substring(0, open), 2).equals("REINDEX")) {
            return false;
        }
        int close = sql.indexOf(')', open);
        if (close < 0) {
            return false;
        }
        String options = sql.substring(open + 1, close).toUpperCase(java.util.Locale.ROOT);
        for (String option : options.split(",")) {
            String[] words = option.strip().split("\\s+");
            if (words[0].equals("CONCURRENTLY")) {
                return words.length == 1 || List.of("TRUE", "ON", "1", "'TRUE'", "'ON'").contains(words[1]);
            }
        }
        return Keywords.leading(sql.substring(close + 1), 2).endsWith("CONCURRENTLY");
    }
}
