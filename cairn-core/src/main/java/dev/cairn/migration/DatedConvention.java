package dev.cairn.migration;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import dev.cairn.error.CairnException;
import dev.cairn.sql.SqlSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed 003's dated file, {@code 2025-01-17_1430_add_instagram_url.sql}: the up script is the file up
 * to a {@code -- ROLLBACK:} line; the down script is the commented-out lines after it, uncommented.
 * <pre>
 * -- Adds the business's Instagram URL
 * ALTER TABLE business ADD COLUMN instagram_url text;
 *
 * -- ROLLBACK:
 * -- ALTER TABLE business DROP COLUMN instagram_url;
 * </pre>
 * The version is the date and time as written, compared as its digits ({@code 202501171430}).
 * A comment in the down script is written commented twice ({@code -- -- why}).
 */
final class DatedConvention implements Convention {

    static final String NAME = "dated";
    private static final Pattern FILE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}_\\d{4})_(.+)\\.sql");
    private static final DateTimeFormatter DATED = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmm");
    private static final Pattern MARKER = Pattern.compile("--\\s*ROLLBACK:(.*)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Part> read(MigrationFile file) {
        Matcher name = FILE.matcher(file.fileName());
        if (!name.matches()) {
            return Optional.empty();
        }
        String[] lines = Scripts.lines(file);
        int marker = -1;
        for (int i = 0; i < lines.length; i++) {
            if (MARKER.matcher(lines[i].strip()).matches()) {
                if (marker >= 0) {
                    throw CairnException.usage("file.dated-duplicate-rollback", file.display() + ":" + (i + 1)
                            + ": a second '-- ROLLBACK:' line; everything after the first one is the rollback,"
                            + " so remove this one");
                }
                marker = i;
            }
        }
        SqlSource up = Scripts.cut(file, lines, 0, marker < 0 ? lines.length : marker);
        Optional<SqlSource> down = marker < 0 ? Optional.empty() : Optional.of(down(file, lines, marker));
        return Optional.of(Part.both(NAME, file, Version.ofDigits(name.group(1)), Names.describe(name.group(2)), up,
                down, Scripts.transaction(file, up)));
    }

    /** The lines after the marker without their leading {@code -- } (and SQL on the marker line itself). */
    private static SqlSource down(MigrationFile file, String[] lines, int marker) {
        Matcher m = MARKER.matcher(lines[marker].strip());
        m.matches();
        String sameLine = m.group(1).strip();
        List<String> out = new ArrayList<>();
        if (!sameLine.isEmpty()) {
            out.add(sameLine);
        }
        for (int i = marker + 1; i < lines.length; i++) {
            out.add(uncomment(lines[i]));
        }
        int firstLine = sameLine.isEmpty() ? marker + 2 : marker + 1;
        return new SqlSource(file.display(), String.join("\n", out), Math.min(firstLine, lines.length));
    }

    static String uncomment(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        if (!line.startsWith("--", i)) {
            return line;
        }
        int from = i + 2;
        if (from < line.length() && line.charAt(from) == ' ') {
            from++;
        }
        return line.substring(0, i) + line.substring(from);
    }

    /** {@code YYYY-MM-DD_HHMM_name.sql}, a minute after the newest when the clock is behind, with its ROLLBACK line. */
    @Override
    public List<NewFile> next(NextMigration next) {
        return List.of(new NewFile(next.file(next.date(DATED, ChronoUnit.MINUTES) + "_" + next.name() + ".sql"),
                next.header() + "\n" + next.up() + "\n-- ROLLBACK:\n" + commented(next.down())));
    }

    /** The down as the file keeps it: each line commented out, so that it is not part of the up. */
    private static String commented(String down) {
        return down.isEmpty() ? "" : down.replaceAll("(?m)^(?=.)", "-- ");
    }
}
