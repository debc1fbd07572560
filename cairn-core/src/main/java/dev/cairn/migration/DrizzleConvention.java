package dev.cairn.migration;

import dev.cairn.error.CairnException;
import dev.cairn.sql.SqlSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * drizzle-kit's migrations (seed 001): {@code 0000_initial_schema.sql} in a folder whose
 * {@code meta/_journal.json} lists it. Every {@code .sql} file with a leading number in such a folder
 * belongs here, and must be in the journal; every journal entry must have its file. The version is
 * the number at the start of the tag, and the journal's idx order must agree with it. Statements are
 * separated by {@code --> statement-breakpoint} lines. drizzle-kit writes no down scripts, so these
 * migrations cannot be rolled back.
 * See https://orm.drizzle.team/docs/kit-overview.
 */
final class DrizzleConvention implements Convention {

    static final String NAME = "drizzle";
    private static final Pattern FILE = Pattern.compile("(\\d+)_(.+)\\.sql");
    private static final Pattern TAG = Pattern.compile("(\\d+)_.+");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Part> read(MigrationFile file) {
        Path folder = file.path().getParent();
        Matcher m = FILE.matcher(file.fileName());
        if (folder == null || !m.matches() || !DrizzleJournal.exists(folder)) {
            return Optional.empty();
        }
        String tag = file.fileName().substring(0, file.fileName().length() - ".sql".length());
        // A journal that cannot be read is reported once, by check(); its files are still drizzle's.
        Optional<DrizzleJournal> journal = readable(folder);
        if (journal.isPresent() && journal.get().entry(tag).isEmpty()) {
            throw CairnException.usage("file.drizzle-unlisted", file.display() + ": is not listed in "
                    + journal.get().file() + ", so drizzle-kit would not run it; add its entry (drizzle-kit generate"
                    + " and " + dev.cairn.error.Next.action("new") + " write it), or move the file out of this folder");
        }
        SqlSource up = new SqlSource(file.display(), file.text(), 1);
        return Optional.of(Part.up(NAME, file, Version.parse(m.group(1)), Names.describe(m.group(2)), up,
                Scripts.transaction(file, up)));
    }

    @Override
    public List<Problem> check(Path folder) {
        if (!DrizzleJournal.exists(folder)) {
            return List.of();
        }
        DrizzleJournal journal;
        try {
            journal = DrizzleJournal.read(folder);
        } catch (CairnException e) {
            return List.of(new Problem(e.code(), e.template()));
        }
        List<Problem> out = new ArrayList<>();
        DrizzleJournal.Entry previous = null;
        for (DrizzleJournal.Entry e : journal.entries()) {
            Matcher m = TAG.matcher(e.tag());
            if (!m.matches()) {
                out.add(new Problem("file.drizzle-tag", journal.file() + ": entry idx " + e.idx() + " has tag \""
                        + e.tag() + "\" without a number at its start; Cairn orders drizzle migrations by that number"
                        + " (drizzle-kit's default prefix, as in 0000_initial_schema)"));
                continue;
            }
            Path sql = folder.resolve(e.tag() + ".sql");
            if (!Files.isRegularFile(sql)) {
                out.add(new Problem("file.drizzle-missing", journal.file() + ": entry idx " + e.idx() + " (tag \""
                        + e.tag() + "\") has no file " + sql + "; restore the file, or remove the entry if the"
                        + " migration was dropped"));
            }
            if (previous != null && number(e).compareTo(number(previous)) < 0) {
                out.add(new Problem("file.drizzle-order", journal.file() + ": entry idx " + e.idx() + " (" + e.tag()
                        + ") comes after idx " + previous.idx() + " (" + previous.tag() + ") but has a lower number;"
                        + " drizzle-kit runs the journal in idx order and Cairn by number, so the two would disagree:"
                        + " order the entries by their numbers"));
            }
            previous = e;
        }
        return out;
    }

    private static Version number(DrizzleJournal.Entry e) {
        Matcher m = TAG.matcher(e.tag());
        return m.matches() ? Version.parse(m.group(1)) : Version.parse("0");
    }

    private static Optional<DrizzleJournal> readable(Path folder) {
        try {
            return Optional.of(DrizzleJournal.read(folder));
        } catch (CairnException e) {
            return Optional.empty();
        }
    }

    /** {@code <number>_name.sql} in the journal's folder; its entry is added once it is written. */
    @Override
    public List<NewFile> next(NextMigration next) {
        return List.of(new NewFile(next.file(next.number() + "_" + next.name() + ".sql"),
                next.header() + (next.up().isEmpty() ? "" : "\n" + next.up()) + "\n"));
    }

    /** The journal entry of the new file, as drizzle-kit writes it. */
    @Override
    public void written(NextMigration next, List<NewFile> files) {
        for (NewFile f : files) {
            String name = f.path().getFileName().toString();
            DrizzleJournal.append(f.path().getParent(), name.substring(0, name.length() - ".sql".length()), next.now());
        }
    }

    @Override
    public String statementBreak() {
        return "--> statement-breakpoint\n";
    }

    /** drizzle-kit writes no down scripts, and runs none. */
    @Override
    public boolean keepsDowns() {
        return false;
    }
}
