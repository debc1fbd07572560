package dev.cairn.migration;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import dev.cairn.error.CairnException;
import dev.cairn.sql.SqlSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * diesel's folders: {@code 2024-01-15-093000_create_users/up.sql} and {@code down.sql} (and
 * {@code 00000000000000_diesel_initial_setup/}). The version is the folder's leading date and time,
 * compared as its digits; the history stores the folder's name. A {@code metadata.toml} in the
 * folder with {@code run_in_transaction = false} runs the migration without a transaction.
 * See https://diesel.rs/guides/getting-started.
 */
final class DieselConvention implements Convention {

    static final String NAME = "diesel";
    private static final Pattern FOLDER = Pattern.compile("(\\d+(?:-\\d+)*)_(.+)");
    private static final DateTimeFormatter FOLDER_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss");
    private static final Pattern NO_TRANSACTION = Pattern.compile("(?m)^\\s*run_in_transaction\\s*=\\s*false\\s*(#.*)?$");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Part> read(MigrationFile file) {
        String name = file.fileName();
        int slash = file.relative().lastIndexOf('/');
        if (slash < 0 || !(name.equals("up.sql") || name.equals("down.sql"))) {
            return Optional.empty();
        }
        String folder = file.relative().substring(0, slash);
        Matcher m = FOLDER.matcher(folder.substring(folder.lastIndexOf('/') + 1));
        if (!m.matches()) {
            return Optional.empty();
        }
        Version version = Version.ofDigits(m.group(1));
        String description = Names.describe(m.group(2));
        SqlSource script = new SqlSource(file.display(), file.text(), 1);
        if (name.equals("down.sql")) {
            return Optional.of(Part.down(NAME, file, version, description, script).withScript(folder));
        }
        Migration.Transaction tx = runsInTransaction(file.path().resolveSibling("metadata.toml"))
                ? Scripts.transaction(file, script) : Migration.Transaction.NONE;
        return Optional.of(Part.up(NAME, file, version, description, script, tx).withScript(folder));
    }

    private static boolean runsInTransaction(Path metadata) {
        if (!Files.isRegularFile(metadata)) {
            return true;
        }
        try {
            return !NO_TRANSACTION.matcher(Files.readString(metadata)).find();
        } catch (IOException e) {
            throw CairnException.usage("file.unreadable", metadata + ": cannot be read: " + e.getMessage());
        }
    }

    /** A folder {@code YYYY-MM-DD-HHMMSS_name/} with diesel's own up.sql and down.sql templates. */
    @Override
    public List<NewFile> next(NextMigration next) {
        Path folder = next.file(next.date(FOLDER_DATE, ChronoUnit.SECONDS) + "_" + next.name());
        if (Files.exists(folder)) {
            throw CairnException.usage("new.exists", folder + " already exists; choose another name");
        }
        return List.of(new NewFile(folder.resolve("up.sql"), next.header()
                        + (next.up().isEmpty() ? "-- Your SQL goes here\n" : "\n" + next.up())),
                new NewFile(folder.resolve("down.sql"), "-- This file should undo anything in `up.sql`\n" + next.down()));
    }
}
