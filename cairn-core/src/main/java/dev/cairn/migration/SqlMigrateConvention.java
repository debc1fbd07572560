package dev.cairn.migration;

import java.util.List;
import dev.cairn.error.CairnException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sql-migrate's files, {@code 1_create_users.sql} or {@code 20240115093000-create_users.sql}, with
 * {@code -- +migrate Up} and {@code -- +migrate Down} sections, {@code -- +migrate StatementBegin} /
 * {@code -- +migrate StatementEnd} around statements with semicolons inside, and
 * {@code -- +migrate Up notransaction} to run without a transaction. A file belongs here when it has a
 * {@code -- +migrate} annotation, whatever its name.
 * See https://github.com/rubenv/sql-migrate#writing-migrations.
 */
final class SqlMigrateConvention implements Convention {

    static final String NAME = "sql-migrate";
    private static final Pattern FILE = Pattern.compile("(\\d+)[-_](.+)\\.sql");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Part> read(MigrationFile file) {
        Annotations annotations = Annotations.find(file, "migrate", "file.sql-migrate");
        if (annotations.isEmpty()) {
            return Optional.empty();
        }
        Matcher name = FILE.matcher(file.fileName());
        if (!name.matches()) {
            throw Names.noVersion(file, "'-- +migrate' annotations", "20240115093000-create_users.sql");
        }
        for (Annotations.Line l : annotations.others()) {
            throw CairnException.usage("file.sql-migrate-annotation", file.display() + ":" + (l.index() + 1)
                    + ": unknown annotation '-- +migrate " + l.text() + "'; sql-migrate"
                    + " knows Up, Down (each optionally followed by notransaction), StatementBegin and StatementEnd");
        }
        Migration.Transaction tx = annotations.modifier("up").equalsIgnoreCase("notransaction")
                ? Migration.Transaction.NONE : Migration.Transaction.AUTO;
        return Optional.of(annotations.part(NAME, Version.parse(name.group(1)), Names.describe(name.group(2)), tx));
    }

    /** {@code <number>_name.sql} (or with a {@code -}, as the newest) with sql-migrate's Up and Down sections. */
    @Override
    public List<NewFile> next(NextMigration next) {
        return List.of(new NewFile(next.file(next.number() + separator(next.newest().orElseThrow()) + next.name()
                + ".sql"), "-- +migrate Up\n" + next.header() + "\n" + next.up() + "\n-- +migrate Down\n\n"
                + next.down()));
    }

    /** sql-migrate names its files {@code 20240115093000-name.sql}; keep whichever separator the newest uses. */
    private static String separator(Migration newest) {
        String file = newest.script().substring(newest.script().lastIndexOf('/') + 1);
        int after = newest.version().text().length();
        return after < file.length() && file.charAt(after) == '-' ? "-" : "_";
    }
}
