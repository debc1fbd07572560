package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.dialect.Backups;
import dev.cairn.error.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Restores a backup into the configured database, in one transaction, with the dialect's client
 * tools ({@link Backups}; PostgreSQL: pg_restore for a custom archive, psql in restricted mode for
 * {@code .sql.gz}). A failure rolls the whole restore back, and the tool dies with Cairn, so an
 * interrupted restore is either rolled back or, when it had already committed, complete. Every check
 * (the file, the tools and their versions) runs before the confirmation, and the restore holds the
 * migration lock so no {@code migrate} runs meanwhile. Objects created after the backup and absent
 * from it are left in place.
 */
public final class Restore {

    private final Configuration config;
    private final DatabaseUrl url;
    private final Listener listener;

    /** A restore into the database at {@code url}, which the tools connect to by themselves. */
    public Restore(Configuration config, DatabaseUrl url, Listener listener) {
        this.config = config;
        this.url = url;
        this.listener = listener;
    }

    public RestoreResult run(RestoreRequest request) {
        long start = System.nanoTime();
        Path file = request.file().toAbsolutePath().normalize();
        byte[] head = head(request.file(), file);
        try (Session db = Session.open(config)) {
            Backups backups = db.dialect.require(Backups.class, "restore");
            BackupFormat format = format(backups, request.file(), head);
            Backups.Restorer restorer = backups.restorer(url, request.environment(), db.serverMajor,
                    format == BackupFormat.CUSTOM);
            try (Backups.Ready ready = restorer.ready(file, request.file().toString())) {
                db.lock(listener);
                if (!request.confirmation().approve(new RestoreRequest.Planned(file, format, db.name))) {
                    throw CairnException.refused("restore.unconfirmed", "restore was not confirmed; nothing was changed");
                }
                Backups.Finished f = ready.run();
                if (!f.ok()) {
                    throw CairnException.failed("restore.failed", restorer.tool() + " failed (exit " + f.exitCode()
                            + ") restoring " + request.file() + " into " + backups.describe(url) + ":\n"
                            + f.indented()
                            + "\n  rolled back: the restore ran in one transaction; the database is as it was"
                            + "\n  next: fix what the error names (objects created since the backup may depend on the"
                            + " ones it restores), then run the restore again", null);
                }
            }
            return new RestoreResult(db.name, file, format, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** The file's first bytes, read before connecting: a missing or unreadable file is a usage error. */
    private static byte[] head(Path given, Path file) {
        if (!Files.isRegularFile(file)) {
            throw CairnException.usage("restore.missing", "backup file " + given + " " + notAFile(file)
                    + "; nothing was changed");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(16);
        } catch (IOException e) {
            throw CairnException.usage("restore.unreadable", "cannot read " + given + ": " + e.getMessage()
                    + "; nothing was changed");
        }
    }

    /** The dump tool's archive, or a gzip stream (1f 8b); anything else is not Cairn's to restore. */
    private static BackupFormat format(Backups backups, Path given, byte[] head) {
        if (backups.isArchive(head)) {
            return BackupFormat.CUSTOM;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return BackupFormat.PLAIN;
        }
        Backups.Tools tools = backups.tools();
        throw CairnException.usage("restore.format", given + " is neither a " + tools.dump() + " custom archive (.dump)"
                + " nor gzipped SQL (.sql.gz); for other dumps use " + tools.archive() + " or " + tools.sql()
                + " directly; nothing was changed");
    }

    /** Why {@code file} cannot be restored when it is not a regular file: what it is instead. */
    private static String notAFile(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return "does not exist";
        }
        String link = "";
        try {
            if (Files.isSymbolicLink(file)) {
                link = "is a symbolic link to " + Files.readSymbolicLink(file) + ", which ";
                if (!Files.exists(file)) {
                    return link + "does not exist";
                }
            }
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
        return link + (link.isEmpty() ? "is " : "is ") + kind(file) + ", not a regular file";
    }

    private static String kind(Path file) {
        if (Files.isDirectory(file)) {
            return "a directory";
        }
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file (a pipe, device or socket)";
        }
    }
}
