package dev.cairn.migration;

import java.util.ArrayList;
import java.util.List;
import dev.cairn.error.CairnException;
import dev.cairn.sql.SqlSource;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's names: versioned {@code V1_2__add_users.sql} (version {@code 1.2}; {@code .} and
 * {@code _} both separate its parts), undo {@code U1_2__add_users.sql} (the down script of
 * {@code V1_2}), repeatable {@code R__user_view.sql} (run after the versioned ones whenever it
 * changes). The description is the part after {@code __}.
 * See https://documentation.red-gate.com/fd/migrations-184127470.html.
 */
final class FlywayConvention implements Convention {

    static final String NAME = "flyway";
    private static final Pattern VERSIONED = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)$");
    /** Looks like a versioned or undo file but is not one: a single underscore, most often. */
    private static final Pattern NEAR_MISS = Pattern.compile("[VU]\\d.*\\.sql");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Part> read(MigrationFile file) {
        String name = file.fileName();
        Matcher r = REPEATABLE.matcher(name);
        if (r.matches()) {
            SqlSource up = new SqlSource(file.display(), file.text(), 1);
            return Optional.of(Part.repeatable(NAME, file, Names.describe(r.group(1)), up,
                    Scripts.transaction(file, up)));
        }
        Matcher v = VERSIONED.matcher(name);
        if (!v.matches()) {
            if (NEAR_MISS.matcher(name).matches()) {
                throw CairnException.usage("file.flyway-name", file.display() + ": looks like a Flyway migration but"
                        + " is not named like one: the version and the description are separated by two underscores,"
                        + " as in " + suggestion(name));
            }
            return Optional.empty();
        }
        Version version = Version.parse(v.group(2));
        String description = Names.describe(v.group(3));
        SqlSource script = new SqlSource(file.display(), file.text(), 1);
        if (v.group(1).equals("U")) {
            return Optional.of(Part.down(NAME, file, version, description, script));
        }
        return Optional.of(Part.up(NAME, file, version, description, script, Scripts.transaction(file, script)));
    }

    /** {@code V1_add_users.sql} gives {@code V1__add_users.sql}; {@code V1.sql} gives {@code V1__description.sql}. */
    private static String suggestion(String name) {
        Matcher m = Pattern.compile("([VU]\\d+(?:[._]\\d+)*)(?:[_.]+|-)?(.*)\\.sql").matcher(name);
        if (!m.matches()) {
            return name.charAt(0) + "1__description.sql";
        }
        return m.group(1) + "__" + (m.group(2).isEmpty() ? "description" : m.group(2)) + ".sql";
    }

    /** {@code V<next>__name.sql}, and {@code U<next>__name.sql} when the directory has undo files or a down is given. */
    @Override
    public List<NewFile> next(NextMigration next) {
        String v = nextVersion(next);
        List<NewFile> out = new ArrayList<>();
        out.add(new NewFile(next.file("V" + v + "__" + next.name() + ".sql"), next.header() + "\n" + next.up()));
        boolean undoes = !next.down().isEmpty() || next.migrations().stream()
                .anyMatch(m -> m.convention().equals(NAME) && m.down().isPresent());
        if (undoes) {
            out.add(new NewFile(next.file("U" + v + "__" + next.name() + ".sql"),
                    "-- undoes V" + v + "__" + next.name() + ".sql\n\n" + next.down()));
        }
        return out;
    }

    /** {@code 1.2} gives {@code 1.3}, {@code 1_9} gives {@code 1_10}, a timestamp the current one. */
    private static String nextVersion(NextMigration next) {
        String text = next.newest().orElseThrow().version().text();
        if (text.chars().allMatch(Character::isDigit)) {
            return next.number();
        }
        Matcher m = LAST_NUMBER.matcher(text);
        m.find();
        return text.substring(0, m.start()) + NextMigration.increment(m.group(1));
    }
}
