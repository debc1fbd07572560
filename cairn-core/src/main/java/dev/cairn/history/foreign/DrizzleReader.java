package dev.cairn.history.foreign;

import dev.cairn.migration.DrizzleJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * drizzle's {@code drizzle.__drizzle_migrations(id serial, hash text, created_at bigint)}: one row
 * per applied migration, {@code created_at} being the journal entry's {@code when} (not the time it
 * ran, which drizzle does not record) and {@code hash} the SHA-256 of the file's content. Rows are
 * matched to files through {@code meta/_journal.json}.
 * See https://github.com/drizzle-team/drizzle-orm/blob/main/drizzle-orm/src/pg-core/dialect.ts.
 */
final class DrizzleReader implements Reader {

    @Override
    public Reading read(Source s) throws SQLException {
        Map<Long, String> tags = new HashMap<>();
        for (Path location : s.locations()) {
            if (Files.isRegularFile(location.resolve("meta/_journal.json"))) {
                tags.putAll(DrizzleJournal.tagsByWhen(location));
            }
        }
        List<Claim> claims = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Statement st = s.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT id, hash, created_at FROM " + s.qualified() + " ORDER BY id")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                String hash = rs.getString(2);
                long when = rs.getLong(3);
                String tag = rs.wasNull() ? null : tags.get(when);
                if (tag == null) {
                    problems.add("row id " + id + " (created_at " + (rs.wasNull() ? "null" : when) + "): no entry of"
                            + " meta/_journal.json has this 'when', so its migration has no file; restore the"
                            + " file and its journal entry, then import again");
                    continue;
                }
                claims.add(new Claim(tag + ".sql", new Claim.ByScript(tag + ".sql"), Optional.empty(),
                        Optional.ofNullable(hash).filter(h -> !h.isBlank()).map(Claim.Hex::new), "",
                        java.util.OptionalInt.empty(), false));
            }
        }
        return new Reading(claims, problems);
    }
}
