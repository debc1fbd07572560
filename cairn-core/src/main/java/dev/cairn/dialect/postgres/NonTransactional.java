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
        if (w.matches("CREATE (UNIQUE )?INDEX CONCURRENTLY.*")) {
            return "CREATE INDEX CONCURRENTLY";
        }
        if (w.matches("DROP INDEX CONCURRENTLY.*")) {
            return "DROP INDEX CONCURRENTLY";
        }
        if (w.matches("REINDEX .*") && Keywords.leading(sql, 40).contains("CONCURRENTLY")) {
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
