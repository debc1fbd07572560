package dev.cairn.migration;

import dev.cairn.error.CairnException;
import dev.cairn.sql.SqlSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed 002's single file, {@code 20250726123456_add_ratings.sql}: a header comment block, then a
 * {@code -- FORWARD MIGRATION} and a {@code -- ROLLBACK} section, each header between banner lines:
 * <pre>
 * -- Migration: add_ratings
 *
 * -- ============================================
 * -- FORWARD MIGRATION
 * -- ============================================
 * CREATE TABLE ratings (...);
 *
 * -- ============================================
 * -- ROLLBACK
 * -- ============================================
 * DROP TABLE ratings;
 * </pre>
 * A file belongs here when it has the FORWARD MIGRATION header, whatever its number of digits.
 * A ROLLBACK section with no statements is a down with nothing to undo, unless it still holds the seed's
 * generated "-- Add your rollback SQL here" placeholder: then nobody wrote it, and there is no down.
 */
final class ForwardRollbackConvention implements Convention {

    static final String NAME = "forward-rollback";
    private static final Pattern FILE = Pattern.compile("(\\d+)_(.+)\\.sql");
    private static final Pattern FORWARD = Pattern.compile("--\\s*FORWARD MIGRATION");
    private static final Pattern ROLLBACK = Pattern.compile("--\\s*ROLLBACK");
    private static final Pattern BANNER = Pattern.compile("--\\s*={3,}");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Part> read(MigrationFile file) {
        if (!file.text().contains("FORWARD MIGRATION")) {
            return Optional.empty();
        }
        String[] lines = Scripts.lines(file);
        List<Integer> forwards = find(lines, FORWARD);
        if (forwards.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> rollbacks = find(lines, ROLLBACK);
        int forward = forwards.get(0);
        if (forwards.size() > 1) {
            throw CairnException.usage("file.forward-duplicate-section", file.display() + ":" + (forwards.get(1) + 1)
                    + ": a second '-- FORWARD MIGRATION' header; a file has one forward and one rollback section");
        }
        if (rollbacks.size() > 1) {
            throw CairnException.usage("file.forward-duplicate-section", file.display() + ":" + (rollbacks.get(1) + 1)
                    + ": a second '-- ROLLBACK' header; a file has one forward and one rollback section");
        }
        int rollback = rollbacks.isEmpty() ? -1 : rollbacks.get(0);
        if (rollback >= 0 && rollback < forward) {
            throw CairnException.usage("file.forward-order", file.display() + ":" + (rollback + 1)
                    + ": the '-- ROLLBACK' section comes before '-- FORWARD MIGRATION'; put the forward section first");
        }
        Matcher name = FILE.matcher(file.fileName());
        if (!name.matches()) {
            throw Names.noVersion(file, "a '-- FORWARD MIGRATION' section", "20250726123456_add_ratings.sql");
        }
        int upFrom = forward + 1 + (isBanner(lines, forward + 1) ? 1 : 0);
        int upTo = lines.length;
        Optional<SqlSource> down = Optional.empty();
        if (rollback >= 0) {
            upTo = isBanner(lines, rollback - 1) && rollback - 1 >= upFrom ? rollback - 1 : rollback;
            int downFrom = rollback + 1 + (isBanner(lines, rollback + 1) ? 1 : 0);
            down = Scripts.unlessPlaceholder(Scripts.cut(file, lines, Math.min(downFrom, lines.length), lines.length));
        }
        SqlSource up = Scripts.cut(file, lines, Math.min(upFrom, upTo), upTo);
        return Optional.of(Part.both(NAME, file, Version.parse(name.group(1)), Names.describe(name.group(2)), up, down,
                Scripts.transaction(file, up)));
    }

    private static List<Integer> find(String[] lines, Pattern header) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (header.matcher(lines[i].strip()).matches()) {
                at.add(i);
            }
        }
        return at;
    }

    private static boolean isBanner(String[] lines, int i) {
        return i >= 0 && i < lines.length && BANNER.matcher(lines[i].strip()).matches();
    }

    /** {@code <number>_name.sql} with seed 002's header block and banner sections. */
    @Override
    public List<NewFile> next(NextMigration next) {
        String banner = "-- ============================================\n";
        return List.of(new NewFile(next.file(next.number() + "_" + next.name() + ".sql"), "-- Migration: "
                + next.name() + "\n-- Description: " + next.title() + "\n-- Created: " + next.created() + "\n"
                + next.hints() + "\n" + banner + "-- FORWARD MIGRATION\n" + banner + "\n" + next.up() + "\n" + banner
                + "-- ROLLBACK\n" + banner + "\n" + next.down()));
    }
}
