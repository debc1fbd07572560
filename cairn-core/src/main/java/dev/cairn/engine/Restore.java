package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.dialect.postgres.PgTarget;
import dev.cairn.dialect.postgres.PlainDump;
import dev.cairn.dialect.postgres.PgTools;
import dev.cairn.error.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Restores a backup into the configured database, in one transaction: pg_restore
 * {@code --clean --if-exists --no-owner --single-transaction} for a custom archive, psql
 * {@code -v ON_ERROR_STOP=1 --single-transaction}, in restricted mode, reading the gunzipped SQL
 * from a private file for {@code .sql.gz} (see {@link PlainDump}). A failure rolls the whole restore
 * back, and the tool dies with Cairn (see {@link PgTools}), so an interrupted restore is either
 * rolled back or, when it had already committed, complete. Every check (the file, the tools and their versions) runs
 * before the confirmation, and the restore holds the migration lock so no {@code migrate} runs
 * meanwhile. Objects created after the backup and absent from it are left in place.
 */
public final class Restore {

    private static final List<String> PG_RESTORE =
            List.of("--clean", "--if-exists", "--no-owner", "--single-transaction");
    private static final List<String> PSQL = List.of("-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction");

    private final Configuration config;
    private final PgTarget target;
    private final Listener listener;

    public Restore(Configuration config, PgTarget target, Listener listener) {
        this.config = config;
        this.target = target;
        this.listener = listener;
    }

    public RestoreResult run(RestoreRequest request) {
        long start = System.nanoTime();
        Path file = request.file().toAbsolutePath().normalize();
        BackupFormat format = format(request.file(), file);
        PgTools tools = new PgTools(request.environment());
        try (Session db = Session.open(config)) {
            PgTools.Tool tool = format == BackupFormat.CUSTOM ? tools.require("pg_restore", db.serverMajor)
                    : restricting(tools.find("psql", db.serverMajor), db.serverMajor);
            // The unpacked file is deleted on SIGTERM too, while unpacking or waiting for the lock or
            // the confirmation (the hook is in place before the file exists); while psql runs, the
            // watchdog also deletes it when Cairn dies.
            AtomicReference<Path> made = new AtomicReference<>();
            Thread cleanup = new Thread(() -> Optional.ofNullable(made.get()).ifPresent(PlainDump::deleteQuietly),
                    "cairn-restore-cleanup");
            boolean hooked = format == BackupFormat.PLAIN && addHook(cleanup);
            Optional<Path> script;
            try {
                script = format == BackupFormat.CUSTOM ? Optional.empty()
                        : Optional.of(PlainDump.create(request.file().toString(), scratchDirectory()));
            } catch (CairnException e) {
                if (hooked) {
                    removeHook(cleanup);
                }
                throw e;
            }
            script.ifPresent(made::set);
            try {
                script.ifPresent(s -> PlainDump.unpack(file, request.file().toString(), s));
                db.lock(listener);
                if (!request.confirmation().approve(new RestoreRequest.Planned(file, format, db.name))) {
                    throw CairnException.refused("restore.unconfirmed", "restore was not confirmed; nothing was changed");
                }
                PgTools.Finished f = script.isEmpty() ? restoreArchive(tools, tool, file)
                        : restoreSql(tools, tool, script.get(), request.file());
                if (!f.ok()) {
                    throw CairnException.failed("restore.failed", tool.name() + " failed (exit " + f.exitCode()
                            + ") restoring " + request.file() + " into " + target.describe() + ":\n"
                            + PgTools.indent(f.stderr())
                            + "\n  rolled back: the restore ran in one transaction; the database is as it was"
                            + "\n  next: fix what the error names (objects created since the backup may depend on the"
                            + " ones it restores), then run the restore again", null);
                }
            } finally {
                script.ifPresent(PlainDump::deleteQuietly);
                if (hooked) {
                    removeHook(cleanup);
                }
            }
            return new RestoreResult(db.name, file, format, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** A custom archive starts with "PGDMP", a gzip stream with 1f 8b; anything else is not Cairn's to restore. */
    private static BackupFormat format(Path given, Path file) {
        if (!Files.isRegularFile(file)) {
            throw CairnException.usage("restore.missing", "backup file " + given + " " + notAFile(file)
                    + "; nothing was changed");
        }
        byte[] head = new byte[5];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw CairnException.usage("restore.unreadable", "cannot read " + given + ": " + e.getMessage()
                    + "; nothing was changed");
        }
        if (n == 5 && new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("PGDMP")) {
            return BackupFormat.CUSTOM;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return BackupFormat.PLAIN;
        }
        throw CairnException.usage("restore.format", given + " is neither a pg_dump custom archive (.dump) nor"
                + " gzipped SQL (.sql.gz); for other dumps use pg_restore or psql directly; nothing was changed");
    }

    private PgTools.Finished restoreArchive(PgTools tools, PgTools.Tool pgRestore, Path file) {
        List<String> args = new ArrayList<>(PG_RESTORE);
        args.add("--no-password");
        args.addAll(target.arguments());
        args.add(file.toString());
        return tools.run(new PgTools.Invocation(pgRestore, args, environment(), Optional.empty(), Optional.empty()));
    }

    /**
     * psql reads the unpacked file itself ({@code -f}), so its input is complete whatever happens to
     * Cairn, and {@code --single-transaction} commits only after its last statement. The {@code -c
     * \restrict KEY} before it puts psql in restricted mode with a key the file cannot know: every
     * backslash meta-command in the file is then refused, and ON_ERROR_STOP rolls the restore back.
     */
    private PgTools.Finished restoreSql(PgTools tools, PgTools.Tool psql, Path script, Path shown) {
        List<String> args = new ArrayList<>(PSQL);
        args.addAll(List.of("--no-password", "-c", "\\restrict " + key(), "-f", script.toString()));
        args.addAll(target.arguments());
        PgTools.Finished f = tools.run(new PgTools.Invocation(psql, args, environment(), Optional.empty(),
                Optional.of(script)));
        return new PgTools.Finished(f.exitCode(), f.stderr().replace(script.toString(), shown.toString()));
    }

    /**
     * psql with {@code \restrict} (13.22, 14.19, 15.14, 16.10, 17.6, 18 and later): without it a file
     * could run shell commands through psql.
     */
    private static PgTools.Tool restricting(PgTools.Tool psql, int serverMajor) {
        if (!PgTools.restricts(psql)) {
            throw CairnException.usage("tools.psql-restrict", "psql " + psql.version() + " (" + psql.path() + ") has no"
                    + " \\restrict, which a restore of a .sql.gz needs so that the file cannot run psql meta-commands"
                    + " (a shell); install a newer psql (13.22, 14.19, 15.14, 16.10, 17.6, 18 or later; Debian/Ubuntu:"
                    + " apt-get install postgresql-client-" + serverMajor + ") and put it first on PATH");
        }
        return psql;
    }

    private static String key() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            key.append(letters.charAt(random.nextInt(letters.length())));
        }
        return key.toString();
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down: the hook deletes the file.
        }
    }

    private static Path scratchDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
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

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(target.environment());
        env.putIfAbsent("PGAPPNAME", "cairn restore");
        return env;
    }

    /** The client-tool command that restores {@code file}, for a person to copy; without the password. */
    static String command(PgTarget target, BackupFormat format, Path file) {
        if (format == BackupFormat.CUSTOM) {
            List<String> words = new ArrayList<>(List.of("pg_restore"));
            words.addAll(PG_RESTORE);
            words.addAll(target.arguments());
            words.add(file.toString());
            return PgTools.commandLine(words);
        }
        List<String> psql = new ArrayList<>(List.of("psql"));
        psql.addAll(PSQL);
        psql.addAll(target.arguments());
        return PgTools.commandLine(List.of("gunzip", "-c", file.toString())) + " | " + PgTools.commandLine(psql);
    }
}
