package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.dialect.Backups;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Dumps the database with the vendor's dump tool, as dbmate does (the dialect's {@link Backups}): its
 * version checked against the server first, the password handed over in its environment only. The
 * dump is written to a {@code .partial} file of this process's own (mode 0600, its name holds the
 * process id) linked into place when the tool succeeds, so a file with a backup's name is always a complete backup and two
 * backups never share a file. The {@code .partial} files of killed backups are removed by the next
 * one. The retention runs only after a successful backup.
 */
public final class Backup {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final java.util.Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final java.util.Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Configuration config;
    private final DatabaseUrl url;
    private final Clock clock;

    /** A backup of the database at {@code url}, which the tools connect to by themselves. */
    public Backup(Configuration config, DatabaseUrl url, Clock clock) {
        this.config = config;
        this.url = url;
        this.clock = clock;
    }

    public BackupResult run(BackupRequest request) {
        long start = System.nanoTime();
        Instant began = clock.instant();
        String database;
        Backups backups;
        Backups.Dump dump;
        try (Session db = Session.open(config)) {
            database = db.name;
            backups = db.dialect.require(Backups.class, "backup");
            dump = backups.dump(url, request.environment(), db.serverMajor);
        }
        Path dir = directory(request.directory());
        List<Path> stale = removeStale(dir, database, began);
        Path file = freeName(dir, database, request.format());
        file = dump(backups, dump, request.format(), file, database);
        Path fresh = file;
        List<Path> deleted = request.retention().map(r -> expire(dir, database, r, fresh)).orElse(List.of());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new BackupResult(database, file, request.format(), size(file), took,
                backups.restoreCommand(url, request.format() == BackupFormat.CUSTOM, file), deleted, stale);
    }

    /** The directory, created owner-only (0700) when Cairn creates it: a backup holds every row. */
    private static Path directory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                if (POSIX) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
                } else {
                    Files.createDirectories(dir);
                }
            }
            return dir.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw CairnException.usage("backup.directory", "cannot create the backup directory " + dir + ": "
                    + reason(e) + "; choose another with " + Next.setting("out-dir"));
        }
    }

    /**
     * Deletes the {@code .partial} files a killed backup of this database left: Cairn's own names
     * whose writer (the process id in the name) is no longer running on this machine, and the
     * older form without a process id when its time is before this run.
     */
    private static List<Path> removeStale(Path dir, String database, Instant began) {
        List<Path> removed = new ArrayList<>();
        try {
            for (BackupFiles.Partial p : BackupFiles.partials(dir, database)) {
                boolean stale = p.pid().map(pid -> pid != ProcessHandle.current().pid()
                        && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true))
                        .orElse(p.taken().isBefore(began.minusSeconds(1)));
                if (stale && Files.deleteIfExists(p.file())) {
                    removed.add(p.file());
                }
            }
        } catch (IOException e) {
            throw CairnException.failed("backup.partial", "cannot remove the .partial files of killed backups in "
                    + dir + ": " + reason(e) + "; no backup was written", e);
        }
        return List.copyOf(removed);
    }

    /** A name not taken yet; two backups within one second wait for the next second, so names stay in Cairn's form. */
    private Path freeName(Path dir, String database, BackupFormat format) {
        for (int attempt = 0; ; attempt++) {
            Path file = dir.resolve(BackupFiles.name(database, clock.instant(), format));
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return file;
            }
            if (attempt == 3) {
                throw CairnException.usage("backup.exists", file + " already exists; is another backup running?");
            }
            sleep(Duration.ofMillis(1000 - clock.instant().toEpochMilli() % 1000 + 5));
        }
    }

    /**
     * Dumps into a {@code .partial} of this process's own (0600), then publishes it under {@code
     * file}, or a later free name when another backup took that one meanwhile.
     */
    private Path dump(Backups backups, Backups.Dump dump, BackupFormat format, Path file, String database) {
        Path partial = BackupFiles.partial(file, ProcessHandle.current().pid());
        try {
            createPrivate(partial);
            Backups.Finished f = dump.write(format == BackupFormat.CUSTOM, partial);
            if (!f.ok()) {
                throw CairnException.failed("backup.failed", backups.tools().dump() + " failed (exit " + f.exitCode()
                        + ") backing up " + backups.describe(url) + ":\n" + f.indented() + "\n  no backup was written",
                        null);
            }
            return publish(partial, file, database, format);
        } catch (IOException e) {
            throw CairnException.failed("backup.write", "cannot write the backup " + file + ": " + reason(e)
                    + "; no backup was written", e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private static void createPrivate(Path file) throws IOException {
        if (POSIX) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } else {
            Files.createFile(file);
        }
    }

    /**
     * A hard link never replaces a file, so a backup finishing in the same second as another never
     * overwrites it; where links are not supported, a rename after a check.
     */
    private Path publish(Path partial, Path file, String database, BackupFormat format) throws IOException {
        Path target = file;
        for (int attempt = 0; ; attempt++) {
            try {
                Files.createLink(target, partial);
                return target;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 3) {
                    throw e;
                }
                target = freeName(file.getParent(), database, format);
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    target = freeName(file.getParent(), database, format);
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            }
        }
    }

    private List<Path> expire(Path dir, String database, Duration retention, Path fresh) {
        List<Path> expired;
        try {
            expired = BackupFiles.olderThan(dir, database, clock.instant().minus(retention), fresh);
        } catch (IOException e) {
            throw CairnException.failed("backup.retention", "the backup " + fresh + " was written, but " + dir
                    + " cannot be listed to delete old backups: " + e.getMessage(), e);
        }
        List<Path> deleted = new ArrayList<>();
        for (Path f : expired) {
            try {
                Files.delete(f);
                deleted.add(f);
            } catch (IOException e) {
                throw CairnException.failed("backup.retention", "the backup " + fresh + " was written, but the old"
                        + " backup " + f + " cannot be deleted: " + e.getMessage()
                        + (deleted.isEmpty() ? "" : "; deleted before it: " + deleted), e);
            }
        }
        return List.copyOf(deleted);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A .partial left behind is never taken for a backup; the next backup removes it.
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name exists";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CairnException.failed("backup.interrupted", "interrupted before the backup started", e);
        }
    }
}
