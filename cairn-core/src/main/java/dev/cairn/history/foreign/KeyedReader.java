package dev.cairn.history.foreign;

import dev.cairn.migration.Version;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A table with one row per applied migration, keyed by its version or its file name: dbmate,
 * diesel, sql-migrate and the hand-written runners' tables. Which columns it reads is chosen from
 * the table's own columns, so each runner's variant of the same idea reads alike: a checksum, a
 * status, stored down SQL and a batch number are used where the table has them. When a key has
 * several rows, the last one (by {@code id}, else by time) decides.
 */
final class KeyedReader implements Reader {

    /** Columns that hold a migration's file name, in order of preference. */
    static final List<String> SCRIPT_COLUMNS = List.of("filename", "file_name", "migration_name", "migration", "name",
            "script", "version");
    private static final Set<String> SUCCESS = Set.of("success", "completed", "complete", "applied", "done", "ok");
    private static final Set<String> UNDONE = Set.of("rolled_back", "rolledback", "rollback", "reverted", "undone");

    private final String tool;
    private final List<String> keys;
    private final List<String> times;

    private KeyedReader(String tool, List<String> keys, List<String> times) {
        this.tool = tool;
        this.keys = keys;
        this.times = times;
    }

    /** {@code schema_migrations(version varchar(128) primary key)}: the version only. */
    static KeyedReader dbmate() {
        return new KeyedReader("dbmate", List.of("version"), List.of());
    }

    /** {@code __diesel_schema_migrations(version varchar(50), run_on timestamp)}: the folder's digits. */
    static KeyedReader diesel() {
        return new KeyedReader("diesel", List.of("version"), List.of("run_on"));
    }

    /** {@code gorp_migrations(id text, applied_at timestamptz)}: the id is the file name. */
    static KeyedReader sqlMigrate() {
        return new KeyedReader("sql-migrate", List.of("id"), List.of("applied_at"));
    }

    static KeyedReader migrationsHistory() {
        return new KeyedReader("migrations_history", List.of("version"), List.of("applied_at"));
    }

    static KeyedReader migrationTracking() {
        return new KeyedReader("__migration_tracking", List.of("migration_name"), List.of("applied_at"));
    }

    static KeyedReader migrationHistory() {
        return new KeyedReader("migration_history", List.of("migration_name"), List.of("executed_at", "created_at"));
    }

    static KeyedReader systemSchemaMigrations() {
        return new KeyedReader("system.schema_migrations", SCRIPT_COLUMNS, List.of("applied_at", "executed_at",
                "created_at"));
    }

    private record Row(String key, Optional<Instant> at, String checksum, String status, String down,
                       OptionalInt batch, String error) {
    }

    @Override
    public Reading read(Source s) throws SQLException {
        String key = s.first(keys).orElseThrow(() -> new SQLException(s.table() + " has none of the columns "
                + keys));
        Optional<String> time = s.first(times);
        String order = s.has("id") && !key.equals("id") ? s.quote("id")
                : time.map(s::quote).map(t -> t + " NULLS FIRST, ").orElse("") + s.quote(key);
        String sql = "SELECT " + s.quote(key) + ", " + time.map(t -> "CAST(" + s.quote(t) + " AS timestamptz)")
                .orElse("NULL") + ", " + optional(s, "checksum") + ", " + optional(s, "status") + ", "
                + optional(s, "rollback_sql") + ", " + (s.has("batch_number") ? "CAST(" + s.quote("batch_number")
                + " AS integer)" : "NULL") + ", " + optional(s, "error_message") + " FROM " + s.qualified()
                + " ORDER BY " + order;
        Map<String, Row> latest = new LinkedHashMap<>();
        try (Statement st = s.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String k = rs.getString(1);
                if (k == null) {
                    continue;
                }
                int batch = rs.getInt(6);
                OptionalInt b = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(batch);
                latest.remove(k);
                latest.put(k, new Row(k, Optional.ofNullable(rs.getObject(2, OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant), text(rs, 3), text(rs, 4), text(rs, 5), b, text(rs, 7)));
            }
        }
        List<Claim> claims = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean byVersion = key.equals("version");
        for (Row r : latest.values()) {
            Claim.Files files = byVersion ? version(r.key()) : new Claim.ByScript(r.key());
            String label = files instanceof Claim.ByVersion ? "version " + r.key() : r.key();
            String status = r.status().strip().toLowerCase(Locale.ROOT);
            if (UNDONE.contains(status)) {
                continue;
            }
            if (!status.isEmpty() && !SUCCESS.contains(status)) {
                problems.add(label + ": " + tool + " recorded the status '" + r.status() + "'"
                        + (r.error().isBlank() ? "" : " (" + oneLine(r.error()) + ")") + ", not a success; finish or"
                        + " undo it with " + tool + " first, then import again");
                continue;
            }
            claims.add(new Claim(label, files, r.at(), r.checksum().isBlank() ? Optional.empty()
                    : Optional.of(new Claim.Hex(r.checksum().strip())), r.down(), r.batch(), false));
        }
        return new Reading(claims, problems);
    }

    private static Claim.Files version(String key) {
        try {
            return new Claim.ByVersion(Version.of(key.strip()));
        } catch (IllegalArgumentException e) {
            return new Claim.ByScript(key);
        }
    }

    private static String optional(Source s, String column) {
        return s.has(column) ? "CAST(" + s.quote(column) + " AS text)" : "NULL";
    }

    private static String text(ResultSet rs, int i) throws SQLException {
        String v = rs.getString(i);
        return v == null ? "" : v;
    }

    static String oneLine(String s) {
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }
}
