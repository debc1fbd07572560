package dev.cairn.migration;

import java.util.List;
import dev.cairn.sql.SqlSource;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain numbered files, {@code 003_add_users.sql}, with an optional rollback sibling
 * {@code 003_add_users_rollback.sql} (the seeds' own convention). A file with dbmate section
 * markers belongs to {@link DbmateConvention} instead.
 */
final class NumberedConvention implements Convention {

    static final String NAME = "numbered";
    private static final Pattern FILE = Pattern.compile("(\\d+)_(.+?)(_rollback)?\\.sql");
    private static final Pattern DBMATE_MARKER = Pattern.compile("(?m)^\\s*--\\s*migrate:(up|down)\\b");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean fallback() {
        return true;
    }

    @Override
    public Optional<Part> read(MigrationFile file) {
        Matcher m = FILE.matcher(file.fileName());
        if (!m.matches() || GolangMigrateConvention.isPairFile(file.fileName())
                || file.text().contains("migrate:") && DBMATE_MARKER.matcher(file.text()).find()) {
            return Optional.empty();
        }
        Version version = Version.parse(m.group(1));
        String description = Names.describe(m.group(2));
        SqlSource source = new SqlSource(file.display(), file.text(), 1);
        if (m.group(3) != null) {
            return Optional.of(Part.down(NAME, file, version, description, source));
        }
        Migration.Transaction tx = Names.hasDirective(file.text(), "cairn:no-transaction")
                ? Migration.Transaction.NONE : Migration.Transaction.AUTO;
        return Optional.of(Part.up(NAME, file, version, description, source, tx));
    }

    /** {@code <number>_name.sql} and its sibling {@code <number>_name_rollback.sql}. */
    @Override
    public List<NewFile> next(NextMigration next) {
        String stem = next.number() + "_" + next.name();
        return List.of(new NewFile(next.file(stem + ".sql"), next.header() + "\n" + next.up()),
                new NewFile(next.file(stem + "_rollback.sql"), "-- undoes " + stem + ".sql\n\n" + next.down()));
    }
}
