package dev.cairn.migration;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link Convention} makes the next migration from: where it goes, its name, the clock, the
 * migrations already there (the newest one sets the numbering), and the scripts' bodies below their
 * header comment (empty for {@code cairn new}'s templates, the generated SQL for {@code cairn generate}).
 *
 * @param home       the folder of the newest migration, or the first migrations directory
 * @param name       lowercase words joined by underscores, as in {@code add_users}
 * @param title      the description given, else the name's words
 * @param now        the time the migration is made
 * @param hints      the comment lines that end the up script's header
 * @param migrations the migrations read from the directories, in version order
 * @param up         the up script's body
 * @param down       the down script's body
 */
public record NextMigration(Path home, String name, String title, Instant now, String hints,
                            List<Migration> migrations, String up, String down) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final int TIMESTAMP_DIGITS = 14;

    public NextMigration {
        migrations = List.copyOf(migrations);
    }

    /** The newest versioned migration: the one the next continues. */
    public static Optional<Migration> newest(List<Migration> migrations) {
        return migrations.stream().filter(m -> m.kind() == Migration.Kind.VERSIONED && !m.version().isRepeatable())
                .reduce((a, b) -> b);
    }

    Optional<Migration> newest() {
        return newest(migrations);
    }

    Path file(String fileName) {
        return home.resolve(fileName);
    }

    /** The creation time as written in headers: {@code 2024-03-05T06:07:08Z}. */
    String created() {
        return DateTimeFormatter.ISO_INSTANT.format(now);
    }

    /** The up script's header comment: what, when (UTC), and the hints. */
    String header() {
        return "-- " + title + "\n-- Created: " + created() + "\n" + hints;
    }

    /**
     * The next version number: after a timestamp, the current one (or the newest plus one when the clock
     * is behind); after a number, the next number with the same zero padding; a UTC timestamp first.
     */
    String number() {
        Optional<Migration> newest = newest();
        if (newest.isEmpty()) {
            return stamp(now);
        }
        String text = newest.get().version().text();
        if (text.length() == TIMESTAMP_DIGITS) {
            String stamp = stamp(now);
            return stamp.compareTo(text) > 0 ? stamp : increment(text);
        }
        return increment(text);
    }

    /** The current UTC date and time in the form of {@code format}, later than the newest one's. */
    String date(DateTimeFormatter format, ChronoUnit unit) {
        LocalDateTime current = LocalDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(unit);
        try {
            LocalDateTime last = LocalDateTime.parse(newest().orElseThrow().version().text(), format);
            if (!current.isAfter(last)) {
                current = last.plus(1, unit);
            }
        } catch (DateTimeParseException e) {
            // diesel's 00000000000000_diesel_initial_setup, or another form: the clock decides.
        }
        return format.format(current);
    }

    /** {@code 009} gives {@code 010}. */
    static String increment(String digits) {
        String next = new BigInteger(digits).add(BigInteger.ONE).toString();
        return "0".repeat(Math.max(0, digits.length() - next.length())) + next;
    }

    private static String stamp(Instant now) {
        return STAMP.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
    }
}
