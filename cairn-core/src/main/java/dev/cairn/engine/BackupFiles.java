package dev.cairn.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cairn's backup file names, {@code <database>_<yyyyMMdd_HHmmss>.dump} or {@code .sql.gz} with the
 * time in UTC, and the retention that deletes only files of exactly that form for one database. The
 * age comes from the time in the name, not the file's modification time, which a copy or a restore
 * from tape changes.
 */
final class BackupFiles {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private BackupFiles() {
    }

    /** The database's name in file names: characters other than letters, digits, '.', '_', '-' become '_'. */
    static String prefix(String database) {
        String p = database.replaceAll("[^A-Za-z0-9._-]", "_");
        return p.isEmpty() || p.startsWith(".") ? "db" + p : p;
    }

    static String name(String database, Instant at, BackupFormat format) {
        return prefix(database) + "_" + STAMP.format(at) + format.extension();
    }

    /** When the backup was taken, if {@code fileName} is one of Cairn's backups of {@code database}. */
    static Optional<Instant> taken(String fileName, String database) {
        Matcher m = Pattern.compile(Pattern.quote(prefix(database)) + "_(\\d{8}_\\d{6})(\\.dump|\\.sql\\.gz)")
                .matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(m.group(1), STAMP).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A {@code .partial} file a backup writes, with the process id of its writer (absent in the older form). */
    record Partial(Path file, Instant taken, Optional<Long> pid) {
    }

    /** Where the process {@code pid} writes the backup {@code file} until it is complete. */
    static Path partial(Path file, long pid) {
        String suffix = Long.toString(Math.abs(new java.security.SecureRandom().nextLong()) % 1_000_000, 36);
        return file.resolveSibling(file.getFileName() + "." + pid + "-" + suffix + ".partial");
    }

    /** This database's {@code .partial} files in {@code dir}: Cairn's form only, regular files only. */
    static List<Partial> partials(Path dir, String database) throws IOException {
        Pattern form = Pattern.compile("(" + Pattern.quote(prefix(database)) + "_\\d{8}_\\d{6}(?:\\.dump|\\.sql\\.gz))"
                + "(?:\\.(\\d{1,18})-[0-9a-z]+)?\\.partial");
        List<Partial> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Matcher m = form.matcher(f.getFileName().toString());
                if (m.matches() && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Optional<Instant> at = taken(m.group(1), database);
                    if (at.isPresent()) {
                        out.add(new Partial(f, at.get(), Optional.ofNullable(m.group(2)).map(Long::parseLong)));
                    }
                }
            }
        }
        out.sort(Comparator.comparing((Partial p) -> p.file().toString()));
        return List.copyOf(out);
    }

    /** This database's backups in {@code dir} taken before {@code cutoff}, oldest first, except {@code keep}. */
    static List<Path> olderThan(Path dir, String database, Instant cutoff, Path keep) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Optional<Instant> at = taken(f.getFileName().toString(), database);
                boolean own = at.isPresent() && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS);
                if (own && at.get().isBefore(cutoff) && !f.equals(keep)) {
                    out.add(f);
                }
            }
        }
        out.sort(Comparator.comparing((Path f) -> taken(f.getFileName().toString(), database).orElseThrow())
                .thenComparing(Path::toString));
        return List.copyOf(out);
    }
}
