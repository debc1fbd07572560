package dev.cairn.history.foreign;

import dev.cairn.migration.Version;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * goose's {@code goose_db_version(id, version_id, is_applied, tstamp)}: an event log in which the
 * last row of a version decides (older goose writes {@code is_applied = false} for a down, newer
 * goose deletes the row). Version 0 is goose's own first row.
 * See https://github.com/pressly/goose/blob/main/internal/dialect/dialectquery/postgres.go.
 */
final class GooseReader implements Reader {

    @Override
    public Reading read(Source s) throws SQLException {
        Map<Long, Claim> latest = new LinkedHashMap<>();
        try (Statement st = s.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT version_id, is_applied, CAST(tstamp AS timestamptz) FROM "
                     + s.qualified() + " ORDER BY id")) {
            while (rs.next()) {
                long version = rs.getLong(1);
                latest.remove(version);
                if (version > 0 && rs.getBoolean(2)) {
                    latest.put(version, Claim.of("version " + version,
                            new Claim.ByVersion(Version.parse(Long.toString(version))),
                            Optional.ofNullable(rs.getObject(3, OffsetDateTime.class)).map(OffsetDateTime::toInstant)));
                }
            }
        }
        return new Reading(new ArrayList<>(latest.values()), java.util.List.of());
    }
}
