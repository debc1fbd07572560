package dev.cairn.migration;

import java.util.List;
import dev.cairn.sql.SqlSource;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate's pairs: {@code 1_create_users.up.sql} and {@code 1_create_users.down.sql}.
 * See https://github.com/golang-migrate/migrate/blob/master/MIGRATIONS.md.
 */
final class GolangMigrateConvention implements Convention {

    static final String NAME = "golang-migrate";
    private static final Pattern FILE = Pattern.compile("(\\d+)_(.+)\\.(up|down)\\.sql");

    static boolean isPairFile(String fileName) {
        return (fileName.endsWith(".up.sql") || fileName.endsWith(".down.sql")) && FILE.matcher(fileName).matches();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Part> read(MigrationFile file) {
        Matcher m = FILE.matcher(file.fileName());
        if (!m.matches()) {
            return Optional.empty();
        }
        Version version = Version.parse(m.group(1));
        String description = Names.describe(m.group(2));
        SqlSource source = new SqlSource(file.display(), file.text(), 1);
        if (m.group(3).equals("down")) {
            return Optional.of(Part.down(NAME, file, version, description, source));
        }
        Migration.Transaction tx = Names.hasDirective(file.text(), "cairn:no-transaction")
                ? Migration.Transaction.NONE : Migration.Transaction.AUTO;
        return Optional.of(Part.up(NAME, file, version, description, source, tx));
    }

    /** The pair {@code <number>_name.up.sql} and {@code <number>_name.down.sql}. */
    @Override
    public List<NewFile> next(NextMigration next) {
        String stem = next.number() + "_" + next.name();
        return List.of(new NewFile(next.file(stem + ".up.sql"), next.header() + "\n" + next.up()),
                new NewFile(next.file(stem + ".down.sql"), "-- " + next.name() + ": down\n\n" + next.down()));
    }
}
