package dev.cairn.history.foreign;

import dev.cairn.migration.Version;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * golang-migrate's {@code schema_migrations(version bigint, dirty boolean)}: one row, the version
 * the database is at, so every migration up to it is applied. {@code dirty} means a migration
 * failed part way. golang-migrate records no times or checksums.
 * See https://github.com/golang-migrate/migrate/blob/master/database/postgres/postgres.go.
 */
final class GolangMigrateReader implements Reader {

    @Override
    public Reading read(Source s) throws SQLException {
        List<Claim> claims = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Statement st = s.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT version, dirty FROM " + s.qualified() + " ORDER BY version")) {
            while (rs.next()) {
                long version = rs.getLong(1);
                if (version < 0) {
                    continue;
                }
                if (rs.getBoolean(2)) {
                    problems.add("version " + version + ": golang-migrate recorded a dirty state (the migration failed"
                            + " part way); fix the database by hand, mark it with 'migrate force VERSION', then import"
                            + " again");
                } else {
                    claims.add(Claim.of("version " + version, new Claim.UpTo(Version.parse(Long.toString(version)),
                            true), Optional.empty()));
                }
            }
        }
        return new Reading(claims, problems);
    }
}
