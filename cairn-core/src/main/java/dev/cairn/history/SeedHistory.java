package dev.cairn.history;

import dev.cairn.config.TableName;
import dev.cairn.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** {@code cairn_seed_history}: one row per seed file (name, checksum, applied_at), next to the history table. */
public final class SeedHistory {

    /** The table's name; it lives in the history table's schema. */
    public static final String NAME = "cairn_seed_history";

    private final String qualified;

    public SeedHistory(Dialect dialect, TableName history) {
        this.qualified = dialect.qualified(new TableName(history.schema(), NAME));
    }

    public void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + qualified + " (name text PRIMARY KEY,"
                    + " checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        }
    }

    /** Checksums of applied seeds by name. */
    public Map<String, String> checksums(Connection c) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, checksum FROM " + qualified)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** Records a seed as applied now. */
    public void record(Connection c, String name, String checksum) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualified + " (name, checksum) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()")) {
            ps.setString(1, name);
            ps.setString(2, checksum);
            ps.executeUpdate();
        }
    }
}
