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
import java.util.Map;
import java.util.Optional;

/**
 * Flyway's {@code flyway_schema_history}, in {@code installed_rank} order. Per versioned migration
 * (and per repeatable, by description) the last row decides: {@code success = false} is a failure;
 * a {@code DELETE} row ({@code flyway repair} marking a missing migration deleted) and an
 * {@code UNDO_*} row mean it is not applied; {@code BASELINE} means everything up to its version;
 * {@code SCHEMA} (Flyway creating schemas) is skipped. The checksum is Flyway's CRC32 of the file.
 * See https://documentation.red-gate.com/fd/flyway-schema-history-table-273973417.html.
 */
final class FlywayReader implements Reader {

    @Override
    public Reading read(Source s) throws SQLException {
        String sql = "SELECT installed_rank, version, description, type, script, checksum,"
                + " CAST(installed_on AS timestamptz), success FROM " + s.qualified() + " ORDER BY installed_rank";
        Map<String, Object> latest = new LinkedHashMap<>();
        try (Statement st = s.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String version = rs.getString(2);
                String description = rs.getString(3);
                String type = rs.getString(4);
                String script = rs.getString(5);
                int crc = rs.getInt(6);
                Optional<Claim.Sum> sum = rs.wasNull() ? Optional.empty() : Optional.of(new Claim.Crc32(crc));
                Optional<Instant> at = Optional.ofNullable(rs.getObject(7, OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant);
                boolean success = rs.getBoolean(8);
                if (type.equals("SCHEMA")) {
                    continue;
                }
                String key = version == null ? "R:" + description : "V:" + Version.parse(version).toString();
                String label = version == null ? script : "version " + version;
                latest.remove(key);
                if (type.equals("DELETE") || type.startsWith("UNDO")) {
                    continue;
                }
                if (!success) {
                    latest.put(key, label + ": Flyway recorded it as failed (success = false, installed_rank "
                            + rs.getInt(1) + "); fix it with Flyway (flyway repair) first, then import again");
                } else if (type.equals("BASELINE")) {
                    latest.put(key, Claim.of("baseline version " + version,
                            new Claim.UpTo(Version.parse(version), false), at));
                } else {
                    Claim.Files files = version == null ? new Claim.Repeatable(script, description)
                            : new Claim.ByVersion(Version.parse(version));
                    latest.put(key, new Claim(label, files, at, sum, "", java.util.OptionalInt.empty(),
                            version == null));
                }
            }
        }
        List<Claim> claims = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Object o : latest.values()) {
            if (o instanceof Claim c) {
                claims.add(c);
            } else {
                problems.add((String) o);
            }
        }
        return new Reading(claims, problems);
    }
}
