package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.error.CairnException;
import dev.cairn.migration.Discovery;
import dev.cairn.migration.DrizzleJournal;
import dev.cairn.migration.Migration;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the next migration in the directory's own convention, that of its newest versioned
 * migration, next to that migration: a UTC timestamp with dbmate sections in an empty directory;
 * otherwise the next number with the same zero padding, or the next timestamp when the directory
 * uses timestamps, in the form and with the sections of that convention (golang-migrate pairs,
 * rollback siblings, seed 002's banner sections, seed 003's dated files with a ROLLBACK line, Flyway
 * V and U files, diesel folders, goose and sql-migrate sections, drizzle-kit files with their
 * journal entry).
 */
public final class NewMigration {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter DATED = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmm");
    private static final DateTimeFormatter DIESEL = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss");
    private static final int TIMESTAMP_DIGITS = 14;
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)$");
    private static final String BANNER = "-- ============================================\n";

    private final Configuration config;
    private final Clock clock;

    public NewMigration(Configuration config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Seed 000's best practices, as comments at the top of every new up script: short enough to
     * keep, and nothing a convention would read as a directive.
     */
    static final String HINTS = "-- Keep it small: one change per migration.\n"
            + "-- Prefer idempotent forms: CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE, DROP ... IF EXISTS.\n"
            + "-- Write the down script too, so that a rollback can undo it.\n";

    /** Creates the file (or files, or folder) and returns the files created. */
    public List<Path> run(String name) {
        return run(name, "");
    }

    /**
     * What goes into a new migration below its header: the up script and the down script (written
     * where the convention keeps downs; a convention without downs, drizzle-kit's, leaves it out).
     * {@link #EMPTY} gives the templates of {@code cairn new}.
     */
    public record Bodies(String up, String down) {
        public static final Bodies EMPTY = new Bodies("", "");

        boolean generated() {
            return !up.isEmpty() || !down.isEmpty();
        }
    }

    /** A file of the new migration and its text. */
    public record File(Path path, String text) {
    }

    /** Set while one migration is made: whether files are written or only returned, and the bodies. */
    private boolean dryRun;
    private Bodies bodies = Bodies.EMPTY;
    private final List<File> made = new ArrayList<>();

    /**
     * Makes the next migration with these bodies; with {@code dryRun}, nothing is written (no file,
     * folder or journal entry) and the files are only returned with their text.
     */
    public synchronized List<File> create(String name, String description, Bodies bodies, boolean dryRun) {
        this.dryRun = dryRun;
        this.bodies = bodies;
        made.clear();
        try {
            run(name, description);
            return List.copyOf(made);
        } finally {
            this.dryRun = false;
            this.bodies = Bodies.EMPTY;
        }
    }

    /**
     * Creates the file (or files, or folder) with {@code description} (may be empty) in its header
     * comment, and returns the files created.
     */
    public List<Path> run(String name, String description) {
        checkName(name);
        Path dir = config.locations().get(0);
        if (!dryRun) {
            createDirectory(dir);
        }
        Discovery found = Discover.all(config);
        Optional<Migration> newest = found.migrations().stream()
                .filter(m -> m.kind() == Migration.Kind.VERSIONED && !m.version().isRepeatable())
                .reduce((a, b) -> b);
        Path home = newest.map(m -> dir.resolve(m.script()).getParent()).filter(Files::isDirectory).orElse(dir);
        Next next = new Next(home, name, description.strip().replaceAll("\\s*\\R\\s*", " "), newest,
                clock.instant(), bodies.generated());
        String up = bodies.up();
        String down = bodies.down();
        return List.copyOf(switch (newest.map(Migration::convention).orElse("dbmate")) {
            case "golang-migrate" -> List.of(
                    write(next.file(next.number() + "_" + name + ".up.sql"), next.header() + "\n" + up),
                    write(next.file(next.number() + "_" + name + ".down.sql"), "-- " + name + ": down\n\n" + down));
            case "numbered" -> List.of(
                    write(next.file(next.number() + "_" + name + ".sql"), next.header() + "\n" + up),
                    write(next.file(next.number() + "_" + name + "_rollback.sql"),
                            "-- undoes " + next.number() + "_" + name + ".sql\n\n" + down));
            case "forward-rollback" -> List.of(write(next.file(next.number() + "_" + name + ".sql"),
                    "-- Migration: " + name + "\n-- Description: " + next.title() + "\n-- Created: "
                            + DateTimeFormatter.ISO_INSTANT.format(next.now()) + "\n" + next.hints() + "\n" + BANNER
                            + "-- FORWARD MIGRATION\n" + BANNER + "\n" + up + "\n" + BANNER + "-- ROLLBACK\n" + BANNER
                            + "\n" + down));
            case "dated" -> List.of(write(next.file(next.date(DATED, ChronoUnit.MINUTES) + "_" + name + ".sql"),
                    next.header() + "\n" + up + "\n-- ROLLBACK:\n" + down));
            case "flyway" -> flyway(next, !down.isEmpty() || found.migrations().stream()
                    .anyMatch(m -> m.convention().equals("flyway") && m.down().isPresent()), up, down);
            case "diesel" -> diesel(next, up, down);
            case "goose" -> List.of(write(next.file(next.number() + "_" + name + ".sql"),
                    "-- +goose Up\n" + next.header() + "\n" + up + "\n-- +goose Down\n\n" + down));
            case "sql-migrate" -> List.of(write(next.file(next.number() + separator(newest.get()) + name + ".sql"),
                    "-- +migrate Up\n" + next.header() + "\n" + up + "\n-- +migrate Down\n\n" + down));
            case "drizzle" -> List.of(drizzle(home, next.number() + "_" + name,
                    next.header() + (up.isEmpty() ? "" : "\n" + up), next.now()));
            default -> List.of(write(next.file(newest.isPresent() ? next.number() + "_" + name + ".sql"
                    : stamp(next.now()) + "_" + name + ".sql"), "-- migrate:up\n" + next.header()
                    + "\n" + up + "\n-- migrate:down\n\n" + down));
        });
    }

    /** Refuses a name that is not lowercase words joined by underscores. */
    static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw CairnException.usage("new.name", "migration name '" + name + "' must be lowercase words joined by"
                    + " underscores, such as add_users_table");
        }
    }

    /** The convention the next migration is written in: that of the directory's newest versioned migration. */
    public String convention() {
        return Discover.all(config).migrations().stream()
                .filter(m -> m.kind() == Migration.Kind.VERSIONED && !m.version().isRepeatable())
                .reduce((x, y) -> y).map(Migration::convention).orElse("dbmate");
    }

    /** What the new migration's names are made of: where it goes, its name, and the newest migration. */
    private record Next(Path home, String name, String description, Optional<Migration> newest, Instant now,
                        boolean generated) {

        Path file(String fileName) {
            return home.resolve(fileName);
        }

        String words() {
            return name.replace('_', ' ');
        }

        /** The description given, else the name's words. */
        String title() {
            return description.isEmpty() ? words() : description;
        }

        /** The up script's header comment: what, when (UTC), and the hints. */
        String header() {
            return "-- " + title() + "\n-- Created: " + DateTimeFormatter.ISO_INSTANT.format(now) + "\n" + hints();
        }

        /** The hints for a hand-written migration; a generated one says where it came from instead. */
        String hints() {
            return generated ? "-- Generated by Cairn's generate: review it before applying it elsewhere.\n" : HINTS;
        }

        String number() {
            return nextNumber(newest.orElseThrow(), now);
        }

        String date(DateTimeFormatter format, ChronoUnit unit) {
            return nextDate(newest.orElseThrow(), now, format, unit);
        }
    }

    /** {@code V<next>__name.sql}, and {@code U<next>__name.sql} when the directory has undo files. */
    private List<Path> flyway(Next next, boolean undoes, String up, String down) {
        String v = nextFlyway(next.newest().orElseThrow(), next.now());
        List<Path> out = new ArrayList<>();
        out.add(write(next.file("V" + v + "__" + next.name() + ".sql"), next.header() + "\n" + up));
        if (undoes) {
            out.add(write(next.file("U" + v + "__" + next.name() + ".sql"),
                    "-- undoes V" + v + "__" + next.name() + ".sql\n\n" + down));
        }
        return out;
    }

    /** A folder {@code YYYY-MM-DD-HHMMSS_name/} with diesel's own up.sql and down.sql templates. */
    private List<Path> diesel(Next next, String up, String down) {
        Path folder = next.file(next.date(DIESEL, ChronoUnit.SECONDS) + "_" + next.name());
        if (!dryRun) {
            createFolder(folder);
        }
        return List.of(write(folder.resolve("up.sql"), next.header() + (up.isEmpty() ? "-- Your SQL goes here\n"
                        : "\n" + up)),
                write(folder.resolve("down.sql"), "-- This file should undo anything in `up.sql`\n" + down));
    }

    /** The SQL file, then its journal entry; the file is removed again when the journal cannot be written. */
    private Path drizzle(Path folder, String tag, String text, Instant now) {
        Path file = write(folder.resolve(tag + ".sql"), text + "\n");
        if (dryRun) {
            return file;
        }
        try {
            DrizzleJournal.append(folder, tag, now);
        } catch (CairnException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // The journal's error is the one to report.
            }
            throw e;
        }
        return file;
    }

    private static String stamp(Instant now) {
        return STAMP.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
    }

    /**
     * After a timestamp, the current one (or the newest plus one when the clock is behind); after
     * a number, the next number with the same zero padding.
     */
    private static String nextNumber(Migration newest, Instant now) {
        String text = newest.version().text();
        if (text.length() == TIMESTAMP_DIGITS) {
            String stamp = stamp(now);
            return stamp.compareTo(text) > 0 ? stamp : increment(text);
        }
        return increment(text);
    }

    private static String increment(String digits) {
        String next = new BigInteger(digits).add(BigInteger.ONE).toString();
        return "0".repeat(Math.max(0, digits.length() - next.length())) + next;
    }

    /** Flyway's {@code 1.2} gives {@code 1.3}, {@code 1_9} gives {@code 1_10}, a timestamp the current one. */
    private static String nextFlyway(Migration newest, Instant now) {
        String text = newest.version().text();
        if (text.chars().allMatch(Character::isDigit)) {
            return nextNumber(newest, now);
        }
        Matcher m = LAST_NUMBER.matcher(text);
        m.find();
        return text.substring(0, m.start()) + increment(m.group(1));
    }

    /** The current UTC date and time in the form of {@code format}, later than the newest one. */
    private static String nextDate(Migration newest, Instant now, DateTimeFormatter format, ChronoUnit unit) {
        LocalDateTime current = LocalDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(unit);
        try {
            LocalDateTime last = LocalDateTime.parse(newest.version().text(), format);
            if (!current.isAfter(last)) {
                current = last.plus(1, unit);
            }
        } catch (DateTimeParseException e) {
            // diesel's 00000000000000_diesel_initial_setup, or another form: the clock decides.
        }
        return format.format(current);
    }

    /** sql-migrate names its files {@code 20240115093000-name.sql}; keep whichever separator the newest uses. */
    private static String separator(Migration newest) {
        String file = newest.script().substring(newest.script().lastIndexOf('/') + 1);
        int after = newest.version().text().length();
        return after < file.length() && file.charAt(after) == '-' ? "-" : "_";
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw CairnException.usage("new.directory", "cannot create migrations directory " + dir + ": "
                    + (e instanceof java.nio.file.FileAlreadyExistsException ? "a file of that name is in the way"
                    : e.getClass().getSimpleName() + " " + e.getMessage()) + "; point "
                    + dev.cairn.error.Next.setting("dir") + " at a directory");
        }
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            throw CairnException.usage("new.exists", folder + " already exists; choose another name");
        } catch (IOException e) {
            throw CairnException.usage("new.write", "cannot create " + folder + ": " + e.getMessage());
        }
    }

    private Path write(Path file, String text) {
        made.add(new File(file, text));
        if (dryRun) {
            return file;
        }
        try {
            return Files.writeString(file, text, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw CairnException.usage("new.exists", file + " already exists; choose another name");
        } catch (IOException e) {
            throw CairnException.usage("new.write", "cannot write " + file + ": " + e.getMessage());
        }
    }
}
