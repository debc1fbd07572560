package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.dialect.postgres.PgTarget;
import dev.cairn.dialect.postgres.PgTools;
import dev.cairn.error.CairnException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Dumps the database with the vendor's pg_dump, as dbmate does: its version checked against the
 * server first, the password handed over in its environment only. The dump is written to a
 * {@code .partial} file renamed into place when pg_dump succeeds, so a file with a backup's name is
 * always a complete backup. The retention runs only after a successful backup.
 */
public final class Backup {

    private final Configuration config;
    private final PgTarget target;
    private final Clock clock;

    public Backup(Configuration config, PgTarget target, Clock clock) {
        this.config = config;
        this.target = target;
        this.clock = clock;
    }

    public BackupResult run(BackupRequest request) {
        long start = System.nanoTime();
        PgTools tools = new PgTools(request.environment());
        String database;
        PgTools.Tool pgDump;
        try (Database db = Database.open(config)) {
            database = db.name;
            pgDump = tools.require("pg_dump", db.serverMajor);
        }
        Path dir = directory(request.directory());
        Path file = freeName(dir, database, request.format());
        dump(tools, pgDump, request.format(), file);
        List<Path> deleted = request.retention().map(r -> expire(dir, database, r, file)).orElse(List.of());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new BackupResult(database, file, request.format(), size(file), took,
                Restore.command(target, request.format(), file), deleted);
    }

    private static Path directory(Path dir) {
        try {
            Files.createDirectories(dir);
            return dir.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw CairnException.usage("backup.directory", "cannot create the backup directory " + dir + ": "
                    + e.getMessage() + "; choose another with --out-dir");
        }
    }

    /** A name not taken yet; two backups within one second wait for the next second, so names stay in Cairn's form. */
    private Path freeName(Path dir, String database, BackupFormat format) {
        for (int attempt = 0; ; attempt++) {
            Path file = dir.resolve(BackupFiles.name(database, clock.instant(), format));
            if (!Files.exists(file) && !Files.exists(partial(file))) {
                return file;
            }
            if (attempt == 3) {
                throw CairnException.usage("backup.exists", file + " already exists; is another backup running?");
            }
            sleep(Duration.ofMillis(1000 - clock.instant().toEpochMilli() % 1000 + 5));
        }
    }

    private void dump(PgTools tools, PgTools.Tool pgDump, BackupFormat format, Path file) {
        Path partial = partial(file);
        try {
            PgTools.Finished f = format == BackupFormat.CUSTOM
                    ? tools.run(invocation(pgDump, List.of("--format=custom", "--file=" + partial), Optional.empty()))
                    : dumpPlain(tools, pgDump, partial);
            if (!f.ok()) {
                throw CairnException.failed("backup.failed", "pg_dump failed (exit " + f.exitCode() + ") backing up "
                        + target.describe() + ":\n" + PgTools.indent(f.stderr()) + "\n  no backup was written", null);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw CairnException.failed("backup.write", "cannot write the backup " + file + ": " + e.getMessage()
                    + "; no backup was written", e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** Plain SQL with DROP … IF EXISTS before each object, so that psql can restore it over a live database. */
    private PgTools.Finished dumpPlain(PgTools tools, PgTools.Tool pgDump, Path partial) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 64 * 1024)) {
            return tools.run(invocation(pgDump, List.of("--format=plain", "--clean", "--if-exists", "--no-owner"),
                    Optional.of(out)));
        }
    }

    private PgTools.Invocation invocation(PgTools.Tool tool, List<String> options, Optional<OutputStream> out) {
        List<String> args = new ArrayList<>(options);
        args.add("--no-password");
        args.addAll(target.arguments());
        Map<String, String> env = new java.util.LinkedHashMap<>(target.environment());
        env.putIfAbsent("PGAPPNAME", "cairn backup");
        return new PgTools.Invocation(tool, args, env, out, Optional.empty());
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

    private static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + ".partial");
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
            // A .partial left behind is never taken for a backup: its name is not Cairn's form.
        }
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
