package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.error.CairnException;
import dev.cairn.migration.Discovery;
import dev.cairn.migration.Migration;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates the next migration file in the directory's own convention: a UTC timestamp with
 * dbmate sections by default, or the next number with the same zero padding when the directory
 * already numbers its files; golang-migrate pairs and rollback siblings continue as such.
 */
public final class NewMigration {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final int TIMESTAMP_DIGITS = 14;

    private final Configuration config;
    private final Clock clock;

    public NewMigration(Configuration config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Creates the file (or files) and returns their paths. */
    public List<Path> run(String name) {
        if (!NAME.matcher(name).matches()) {
            throw CairnException.usage("new.name", "migration name '" + name + "' must be lowercase words joined by"
                    + " underscores, such as add_users_table");
        }
        Path dir = config.locations().get(0);
        createDirectory(dir);
        Discovery found = Discover.all(config);
        List<Migration> migrations = found.migrations();
        Migration newest = migrations.isEmpty() ? null : migrations.get(migrations.size() - 1);
        String version = nextVersion(newest);
        String convention = newest == null ? "dbmate" : newest.convention();
        List<Path> created = new ArrayList<>();
        switch (convention) {
            case "golang-migrate" -> {
                created.add(write(dir.resolve(version + "_" + name + ".up.sql"), "-- " + name + ": up\n\n"));
                created.add(write(dir.resolve(version + "_" + name + ".down.sql"), "-- " + name + ": down\n\n"));
            }
            case "numbered" -> {
                created.add(write(dir.resolve(version + "_" + name + ".sql"), "-- " + name + "\n\n"));
                created.add(write(dir.resolve(version + "_" + name + "_rollback.sql"),
                        "-- undoes " + version + "_" + name + ".sql\n\n"));
            }
            default -> created.add(write(dir.resolve(version + "_" + name + ".sql"),
                    "-- migrate:up\n\n\n-- migrate:down\n\n"));
        }
        return List.copyOf(created);
    }

    private String nextVersion(Migration newest) {
        String stamp = STAMP.format(clock.instant());
        if (newest == null) {
            return stamp;
        }
        String text = newest.version().text();
        if (!text.chars().allMatch(Character::isDigit) || text.length() == TIMESTAMP_DIGITS) {
            return stamp.compareTo(text) > 0 ? stamp : new java.math.BigInteger(text).add(java.math.BigInteger.ONE).toString();
        }
        String next = new java.math.BigInteger(text).add(java.math.BigInteger.ONE).toString();
        return "0".repeat(Math.max(0, text.length() - next.length())) + next;
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw CairnException.usage("new.directory", "cannot create migrations directory " + dir + ": " + e.getMessage());
        }
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw CairnException.usage("new.exists", file + " already exists; choose another name");
        } catch (IOException e) {
            throw CairnException.usage("new.write", "cannot write " + file + ": " + e.getMessage());
        }
    }
}
