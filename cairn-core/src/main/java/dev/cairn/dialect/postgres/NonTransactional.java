package dev.cairn.dialect.postgres;

import dev.cairn.sql.Keywords;

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
        // CONCURRENTLY may also stand in REINDEX's option list: REINDEX (CONCURRENTLY, VERBOSE) TABLE t.
        if ((w.equals("REINDEX") || w.startsWith("REINDEX ")) && Keywords.containsIgnoreCase(sql, "CONCURRENTLY")) {
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
}
