package dev.cairn.history;

import dev.cairn.config.TableName;
import dev.cairn.dialect.Dialect;
import dev.cairn.jdbc.BoundSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The history table: created on first use, read once per operation, one row per application.
 * Values are always bound; the table name is quoted by the dialect.
 */
public final class History {

    private static final String COLUMNS = "id, version, description, script, kind, checksum, down_sql, batch, status,"
            + " transactional, applied_by, applied_at, execution_ms, rolled_back_at, error";

    private final Dialect dialect;
    private final TableName table;
    private final String qualified;

    public History(Dialect dialect, TableName table) {
        this.dialect = dialect;
        this.table = table;
        this.qualified = dialect.qualified(table);
    }

    public TableName table() {
        return table;
    }

    public boolean exists(Connection c) throws SQLException {
        return dialect.tableExists(c, table);
    }

    /** Creates the table when missing; runs in its own transaction when autocommit is off. */
    public void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : dialect.createHistoryTable(table)) {
                s.execute(ddl);
            }
        }
    }

    /** Every row, oldest first; the caller knows that the table exists. */
    public List<HistoryRow> rows(Connection c) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM " + qualified + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
        return List.copyOf(rows);
    }

    /** By position, in the order of {@link #COLUMNS}: a lookup by name per value is a tenth of reading the table. */
    private static HistoryRow row(ResultSet rs) throws SQLException {
        OffsetDateTime rolledBack = rs.getObject(14, OffsetDateTime.class);
        return new HistoryRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Optional.ofNullable(rs.getString(7)), rs.getInt(8), status(rs.getString(9)), rs.getBoolean(10),
                rs.getString(11), rs.getObject(12, OffsetDateTime.class).toInstant(), rs.getLong(13),
                Optional.ofNullable(rolledBack).map(OffsetDateTime::toInstant), nonNull(rs.getString(15)));
    }

    private static HistoryRow.Status status(String s) {
        return switch (s) {
            case "SUCCESS" -> HistoryRow.Status.SUCCESS;
            case "FAILED" -> HistoryRow.Status.FAILED;
            default -> HistoryRow.Status.valueOf(s);
        };
    }

    private static final String INSERT_COLUMNS = " (version, description, script, kind, checksum, up_sql, down_sql,"
            + " batch, status, transactional, execution_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * The up scripts that made the database what it is, in the order they ran: every SUCCESS row of
     * the migrations that are applied now. A migration whose latest row (failed attempts aside) is
     * ROLLED_BACK is left out whole; one run again by {@code --rerun-modified} keeps both of its
     * SUCCESS rows, since both ran.
     */
    public List<AppliedScript> appliedScripts(Connection c) throws SQLException {
        List<AppliedScript> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, script, coalesce(up_sql, ''), transactional FROM"
                     + " (SELECT id, version, script, up_sql, transactional, status, first_value(status) OVER"
                     + " (PARTITION BY CASE WHEN kind = 'repeatable' THEN 'R' || script ELSE 'V' || version END"
                     + " ORDER BY id DESC) AS latest FROM " + qualified + " WHERE status <> 'FAILED') h"
                     + " WHERE status = 'SUCCESS' AND latest = 'SUCCESS' ORDER BY id")) {
            while (rs.next()) {
                out.add(new AppliedScript(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
            }
        }
        return out;
    }

    /** An applied migration's up script as it was run, from the history. */
    public record AppliedScript(String version, String script, String upSql, boolean transactional) {
    }

    /** Adds a row and returns its id. */
    public long insert(Connection c, NewRow r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualified + INSERT_COLUMNS, new String[] {"id"})) {
            bind(ps, 1, r);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Adds a row taken over from another tool's history, with the time that tool applied the
     * migration; the time of the import when it recorded none.
     */
    public void insertImported(Connection c, NewRow r, Optional<java.time.Instant> appliedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualified + " (version, description, script,"
                + " kind, checksum, up_sql, down_sql, batch, status, transactional, execution_ms, error, applied_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(CAST(? AS timestamptz), now()))")) {
            bind(ps, 1, r);
            ps.setObject(13, appliedAt.map(t -> t.atOffset(java.time.ZoneOffset.UTC)).orElse(null),
                    java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            ps.executeUpdate();
        }
    }

    /**
     * Sends {@code first} and then adds the row, in one round trip: the statements are sent together
     * and answered together. A migration's row goes with the statement that resets its session.
     */
    public void insertAfter(Connection c, BoundSql first, NewRow r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(first.sql() + ";\nINSERT INTO " + qualified + INSERT_COLUMNS)) {
            bind(ps, first.bind(ps, 1), r);
            ps.execute();
        }
    }

    private static void bind(PreparedStatement ps, int first, NewRow r) throws SQLException {
        int i = first;
        ps.setString(i++, r.version());
        ps.setString(i++, r.description());
        ps.setString(i++, r.script());
        ps.setString(i++, r.kind());
        ps.setString(i++, r.checksum());
        ps.setString(i++, r.upSql());
        ps.setString(i++, r.downSql().orElse(null)); // '' is a down with nothing to undo, NULL none
        ps.setInt(i++, r.batch());
        ps.setString(i++, r.status().name());
        ps.setBoolean(i++, r.transactional());
        ps.setLong(i++, r.executionMs());
        ps.setString(i, r.error().isEmpty() ? null : r.error());
    }

    /** Settles a row written before its migration ran: its outcome, duration and error. */
    public void complete(Connection c, long id, HistoryRow.Status status, long executionMs, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + qualified
                + " SET status = ?, execution_ms = ?, error = ? WHERE id = ?")) {
            ps.setString(1, status.name());
            ps.setLong(2, executionMs);
            ps.setString(3, error.isEmpty() ? null : error);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    /**
     * Stores a down script Cairn computed for the newest SUCCESS row of {@code version}, when that row has
     * none: the migration had no down of its own. The text starts with {@link HistoryRow#COMPUTED_DOWN}.
     */
    public void storeComputedDown(Connection c, String version, String downSql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + qualified + " SET down_sql = ? WHERE id ="
                + " (SELECT max(id) FROM " + qualified + " WHERE version = ? AND status = 'SUCCESS')"
                + " AND down_sql IS NULL")) {
            ps.setString(1, downSql);
            ps.setString(2, version);
            ps.executeUpdate();
        }
    }

    /** Marks an applied row as rolled back, now. */
    public void markRolledBack(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + qualified
                + " SET status = 'ROLLED_BACK', rolled_back_at = now() WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /**
     * Resolves a FAILED row: the migration counts as not applied again. Who and when are recorded
     * in {@code repaired_by} / {@code repaired_at}.
     */
    public void resolveFailed(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + qualified + " SET status = 'ROLLED_BACK',"
                + " rolled_back_at = now(), repaired_by = current_user, repaired_at = now()"
                + " WHERE id = ? AND status = 'FAILED'")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** As {@link #realign(Connection, long, String, String, Optional)}, a blank {@code downSql} meaning none. */
    public void realign(Connection c, long id, String checksum, String upSql, String downSql) throws SQLException {
        realign(c, id, checksum, upSql, downSql.isBlank() ? Optional.empty() : Optional.of(downSql));
    }

    /** Accepts an intentionally edited applied file: its checksum and scripts replace the row's. */
    public void realign(Connection c, long id, String checksum, String upSql, Optional<String> downSql)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + qualified + " SET checksum = ?, up_sql = ?,"
                + " down_sql = ?, repaired_by = current_user, repaired_at = now() WHERE id = ?")) {
            ps.setString(1, checksum);
            ps.setString(2, upSql);
            ps.setString(3, downSql.orElse(null));
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
