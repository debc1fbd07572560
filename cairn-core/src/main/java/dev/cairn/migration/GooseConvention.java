package dev.cairn.migration;

import java.util.List;
import dev.cairn.error.CairnException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * goose's SQL files, {@code 00001_create_users.sql} or {@code 20240115093000_create_users.sql}, with
 * {@code -- +goose Up} and {@code -- +goose Down} sections, {@code -- +goose StatementBegin} /
 * {@code -- +goose StatementEnd} around statements with semicolons inside, and
 * {@code -- +goose NO TRANSACTION} to run without a transaction. A file belongs here when it has a
 * {@code -- +goose} annotation, whatever its name.
 * See https://pressly.github.io/goose/documentation/annotations/.
 */
final class GooseConvention implements Convention {

    static final String NAME = "goose";
    private static final Pattern FILE = Pattern.compile("(\\d+)_(.+)\\.sql");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Part> read(MigrationFile file) {
        Annotations annotations = Annotations.find(file, "goose", "file.goose");
        if (annotations.isEmpty()) {
            return Optional.empty();
        }
        Matcher name = FILE.matcher(file.fileName());
        if (!name.matches()) {
            throw Names.noVersion(file, "'-- +goose' annotations", "00001_create_users.sql");
        }
        Migration.Transaction tx = Migration.Transaction.AUTO;
        for (Annotations.Line l : annotations.others()) {
            String what = (l.word() + " " + l.rest()).strip().toLowerCase(java.util.Locale.ROOT);
            if (what.equals("no transaction")) {
                tx = Migration.Transaction.NONE;
            } else if (what.startsWith("envsub")) {
                throw CairnException.usage("file.goose-envsub", file.display() + ":" + (l.index() + 1)
                        + ": '-- +goose ENVSUB' substitutes environment variables, which Cairn does not do; the"
                        + " SQL would run with ${...} left in it: write the values into the file");
            } else {
                throw CairnException.usage("file.goose-annotation", file.display() + ":" + (l.index() + 1)
                        + ": unknown annotation '-- +goose " + l.text() + "'; goose knows"
                        + " Up, Down, StatementBegin, StatementEnd and NO TRANSACTION");
            }
        }
        return Optional.of(annotations.part(NAME, Version.parse(name.group(1)), Names.describe(name.group(2)), tx));
    }

    /** {@code <number>_name.sql} with goose's Up and Down sections. */
    @Override
    public List<NewFile> next(NextMigration next) {
        return List.of(new NewFile(next.file(next.number() + "_" + next.name() + ".sql"), "-- +goose Up\n"
                + next.header() + "\n" + next.up() + "\n-- +goose Down\n\n" + next.down()));
    }
}
