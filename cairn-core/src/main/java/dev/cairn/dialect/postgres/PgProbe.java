package dev.cairn.dialect.postgres;

import dev.cairn.lint.Evidence;
import dev.cairn.lint.Observation;
import dev.cairn.lint.Observations;
import dev.cairn.sql.SqlStatement;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches statements run on a scratch database: each in a transaction of its own, then, before it
 * commits, the locks its session holds on relations that existed when the probe started
 * ({@code pg_locks}), the tables and indexes whose {@code relfilenode} changed (rewritten), and
 * what was validated by reading an existing table: a CHECK or FOREIGN KEY added valid, a column
 * made NOT NULL without a validated {@code CHECK (col IS NOT NULL)} to prove it (PostgreSQL 12 and
 * later skip the scan then). See <a href="https://www.postgresql.org/docs/current/explicit-locking.html">
 * explicit locking</a> and <a href="https://www.postgresql.org/docs/current/sql-altertable.html">ALTER TABLE</a>.
 */
public final class PgProbe {

    private static final String USER_RELATIONS = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid ="
            + " c.relnamespace WHERE c.relkind IN ('r', 'p', 'm', 'i') AND n.nspname NOT IN ('pg_catalog',"
            + " 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    private final Connection c;
    private final Long[] existing;

    private PgProbe(Connection c, Long[] existing) {
        this.c = c;
        this.existing = existing;
    }

    /** Remembers the relations that exist now: the applied migrations' tables and indexes. */
    public static PgProbe start(Connection c) throws SQLException {
        List<Long> oids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(USER_RELATIONS)) {
            while (rs.next()) {
                oids.add(rs.getLong(1));
            }
        }
        return new PgProbe(c, oids.toArray(Long[]::new));
    }

    /**
     * Runs one statement in a transaction and commits it, so the next statement sees its effect.
     * A statement that fails is rolled back and its error returned in the observation.
     */
    public Observation run(SqlStatement statement) throws SQLException {
        if (existing.length == 0) {
            // Nothing existed before the pending migrations: nothing to lock, rewrite or scan that matters.
            return runOnly(statement);
        }
        Map<Long, Long> files = relfilenodes();
        Set<String> nullable = nullableColumns();
        Set<Long> constraints = constraints();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute(statement.sql());
            }
            List<Evidence.Lock> locks = locks();
            List<String> rewrites = rewrites(files);
            List<String> scans = new ArrayList<>(validated(constraints));
            scans.addAll(madeNotNull(nullable));
            c.commit();
            return new Observation(locks, rewrites, scans, "");
        } catch (SQLException e) {
            c.rollback();
            return new Observation(List.of(), List.of(), List.of(), (e.getSQLState() == null ? "" : e.getSQLState()
                    + " ") + firstLine(e.getMessage()));
        } finally {
            c.setAutoCommit(true);
        }
    }

    private Observation runOnly(SqlStatement statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement.sql());
            return new Observation(List.of(), List.of(), List.of(), "");
        } catch (SQLException e) {
            return new Observation(List.of(), List.of(), List.of(), (e.getSQLState() == null ? "" : e.getSQLState()
                    + " ") + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        Array a = c.createArrayOf("oid", existing);
        p.setArray(1, a);
        return p;
    }

    private Map<Long, Long> relfilenodes() throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (PreparedStatement p = prepare("SELECT oid, relfilenode FROM pg_class WHERE oid = ANY(?)");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    private List<Evidence.Lock> locks() throws SQLException {
        List<Evidence.Lock> out = new ArrayList<>();
        try (PreparedStatement p = prepare("SELECT n.nspname || '.' || c.relname, l.mode FROM pg_locks l"
                + " JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND l.relation = ANY(?)"
                + " AND c.relkind IN ('r', 'p', 'm') ORDER BY 1, 2");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new Evidence.Lock(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    /** Existing tables (and, when no table was, indexes) whose storage was replaced. */
    private List<String> rewrites(Map<Long, Long> before) throws SQLException {
        List<String> tables = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        try (PreparedStatement p = prepare("SELECT c.oid, c.relfilenode, n.nspname || '.' || c.relname, c.relkind"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ANY(?) ORDER BY 3");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                Long was = before.get(rs.getLong(1));
                if (was != null && was != 0 && was != rs.getLong(2)) {
                    (rs.getString(4).equals("i") ? indexes : tables).add(rs.getString(3));
                }
            }
        }
        return tables.isEmpty() ? indexes : tables;
    }

    private Set<Long> constraints() throws SQLException {
        Set<Long> out = new HashSet<>();
        try (PreparedStatement p = prepare("SELECT oid FROM pg_constraint WHERE conrelid = ANY(?)");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private List<String> validated(Set<Long> before) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = prepare("SELECT k.oid, k.conname, k.contype, n.nspname || '.' || c.relname"
                + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid ="
                + " c.relnamespace WHERE k.conrelid = ANY(?) AND k.convalidated AND k.contype IN ('c', 'f')"
                + " ORDER BY 4, 2");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                if (!before.contains(rs.getLong(1))) {
                    out.add("validates " + (rs.getString(3).equals("f") ? "FOREIGN KEY " : "CHECK ") + rs.getString(2)
                            + " by reading all of " + rs.getString(4));
                }
            }
        }
        return out;
    }

    private Set<String> nullableColumns() throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement p = prepare("SELECT attrelid || ':' || attnum FROM pg_attribute WHERE attrelid ="
                + " ANY(?) AND attnum > 0 AND NOT attisdropped AND NOT attnotnull");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Columns that were nullable and are NOT NULL now, unless a validated CHECK (col IS NOT NULL) proves them. */
    private List<String> madeNotNull(Set<String> nullable) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = prepare("SELECT a.attrelid || ':' || a.attnum, n.nspname || '.' || c.relname"
                + " || '.' || a.attname, EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = a.attrelid"
                + " AND k.contype = 'c' AND k.convalidated AND regexp_replace(pg_get_constraintdef(k.oid), '[()]', '',"
                + " 'g') = 'CHECK ' || quote_ident(a.attname) || ' IS NOT NULL') FROM pg_attribute a JOIN pg_class c"
                + " ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.attrelid = ANY(?)"
                + " AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull AND c.relkind IN ('r', 'p') ORDER BY 2");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                if (nullable.contains(rs.getString(1)) && !rs.getBoolean(3)) {
                    out.add("SET NOT NULL reads all of " + rs.getString(2).substring(0, rs.getString(2).lastIndexOf('.'))
                            + " to check " + rs.getString(2).substring(rs.getString(2).lastIndexOf('.') + 1));
                }
            }
        }
        return out;
    }

    /**
     * The live sizes of tables ({@code schema.table}): row estimate and total size with indexes and
     * TOAST, read from the target's catalog (nothing is scanned or changed); a never-analysed table
     * (reltuples -1) with no pages counts 0 rows. Tables the target does not have are left out.
     */
    public static Map<String, Observations.Size> sizes(Connection target, Collection<String> tables)
            throws SQLException {
        Map<String, Observations.Size> out = new LinkedHashMap<>();
        try (PreparedStatement p = target.prepareStatement("SELECT CASE WHEN c.reltuples < 0 AND pg_relation_size(c.oid) = 0 THEN 0"
                + " ELSE c.reltuples::bigint END, pg_total_relation_size(c.oid)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            for (String t : tables) {
                int dot = t.indexOf('.');
                p.setString(1, t.substring(0, dot));
                p.setString(2, t.substring(dot + 1));
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        out.put(t, new Observations.Size(rs.getLong(1), rs.getLong(2)));
                    }
                }
            }
        }
        return out;
    }
}
