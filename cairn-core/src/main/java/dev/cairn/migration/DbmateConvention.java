package dev.cairn.migration;

import java.util.List;
import dev.cairn.error.CairnException;
import dev.cairn.sql.SqlSource;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbmate's single file with {@code -- migrate:up} and {@code -- migrate:down} sections, each
 * optionally marked {@code transaction:false}. Cairn's own default for {@code cairn new}.
 * See https://github.com/amacneil/dbmate#creating-migrations.
 */
final class DbmateConvention implements Convention {

    static final String NAME = "dbmate";
    private static final Pattern FILE = Pattern.compile("(\\d+)_(.+)\\.sql");
    private static final Pattern MARKER = Pattern.compile("--\\s*migrate:(up|down)\\b(.*)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Part> read(MigrationFile file) {
        Matcher name = FILE.matcher(file.fileName());
        if (!name.matches() || GolangMigrateConvention.isPairFile(file.fileName())) {
            return Optional.empty();
        }
        if (!file.text().contains("migrate:")) {
            return Optional.empty();
        }
        Sections sections = Sections.find(file);
        if (sections.upLine < 0 && sections.downLine < 0) {
            return Optional.empty();
        }
        if (sections.upLine < 0) {
            throw CairnException.usage("file.dbmate-without-up", file.display() + ":" + (sections.downLine + 1)
                    + ": has '-- migrate:down' but no '-- migrate:up' section; add a '-- migrate:up' line above the up SQL");
        }
        if (sections.downLine >= 0 && sections.downLine < sections.upLine) {
            throw CairnException.usage("file.dbmate-order", file.display() + ":" + (sections.downLine + 1)
                    + ": '-- migrate:down' comes before '-- migrate:up'; put the up section first");
        }
        String[] lines = file.text().split("\n", -1);
        int upEnd = sections.downLine >= 0 ? sections.downLine : lines.length;
        SqlSource up = section(file, lines, sections.upLine + 1, upEnd);
        Optional<SqlSource> down = sections.downLine >= 0
                ? Optional.of(section(file, lines, sections.downLine + 1, lines.length))
                : Optional.empty();
        Migration.Transaction tx = sections.upNoTransaction || Names.hasDirective(up.text(), "cairn:no-transaction")
                ? Migration.Transaction.NONE : Migration.Transaction.AUTO;
        Version version = Version.parse(name.group(1));
        return Optional.of(Part.both(NAME, file, version, Names.describe(name.group(2)), up, down, tx));
    }

    private static SqlSource section(MigrationFile file, String[] lines, int from, int to) {
        return new SqlSource(file.display(), String.join("\n", java.util.Arrays.asList(lines).subList(from, to)), from + 1);
    }

    /** Where the section markers are (0-based line numbers, -1 when absent). */
    private static final class Sections {
        int upLine = -1;
        int downLine = -1;
        boolean upNoTransaction;

        static Sections find(MigrationFile file) {
            Sections s = new Sections();
            String[] lines = file.text().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = MARKER.matcher(lines[i].strip());
                if (!m.matches()) {
                    continue;
                }
                boolean up = m.group(1).equals("up");
                if ((up ? s.upLine : s.downLine) >= 0) {
                    throw CairnException.usage("file.dbmate-duplicate-section", file.display() + ":" + (i + 1)
                            + ": a second '-- migrate:" + m.group(1) + "' section; a file has one up and one down section");
                }
                if (up) {
                    s.upLine = i;
                    s.upNoTransaction = m.group(2).replace(" ", "").contains("transaction:false");
                } else {
                    s.downLine = i;
                }
            }
            return s;
        }
    }

    /** {@code <number>_name.sql} (a UTC timestamp in an empty directory) with both sections. */
    @Override
    public List<NewFile> next(NextMigration next) {
        return List.of(new NewFile(next.file(next.number() + "_" + next.name() + ".sql"), "-- migrate:up\n"
                + next.header() + "\n" + next.up() + "\n-- migrate:down\n\n" + next.down()));
    }
}
