package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.dialect.postgres.PgTarget;
import dev.cairn.dialect.postgres.PgTools;
import dev.cairn.error.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Restores a backup into the configured database, in one transaction: pg_restore
 * {@code --clean --if-exists --no-owner --single-transaction} for a custom archive, psql
 * {@code -v ON_ERROR_STOP=1 --single-transaction} fed the gunzipped SQL for {@code .sql.gz}. A
 * failure rolls the whole restore back. Every check (the file, the tools and their versions) runs
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
        try (Database db = Database.open(config)) {
            PgTools.Tool tool = format == BackupFormat.CUSTOM ? tools.require("pg_restore", db.serverMajor)
                    : tools.find("psql", db.serverMajor);
            db.lock(listener);
            if (!request.confirmation().approve(new RestoreRequest.Planned(file, format, db.name))) {
                throw CairnException.refused("restore.unconfirmed", "restore was not confirmed; nothing was changed");
            }
            PgTools.Finished f = format == BackupFormat.CUSTOM ? restoreArchive(tools, tool, file)
                    : restoreSql(tools, tool, file);
            if (!f.ok()) {
                throw CairnException.failed("restore.failed", tool.name() + " failed (exit " + f.exitCode()
                        + ") restoring " + request.file() + " into " + target.describe() + ":\n"
                        + PgTools.indent(f.stderr())
                        + "\n  rolled back: the restore ran in one transaction; the database is as it was"
                        + "\n  next: fix what the error names (objects created since the backup may depend on the"
                        + " ones it restores), then run the restore again", null);
            }
            return new RestoreResult(db.name, file, format, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** A custom archive starts with "PGDMP", a gzip stream with 1f 8b; anything else is not Cairn's to restore. */
    private static BackupFormat format(Path given, Path file) {
        if (!Files.isRegularFile(file)) {
            throw CairnException.usage("restore.missing", "backup file " + given + " does not exist"
                    + (Files.isDirectory(file) ? " (it is a directory)" : "") + "; nothing was changed");
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

    private PgTools.Finished restoreSql(PgTools tools, PgTools.Tool psql, Path file) {
        List<String> args = new ArrayList<>(PSQL);
        args.addAll(List.of("--no-password", "-f", "-"));
        args.addAll(target.arguments());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024)) {
            return tools.run(new PgTools.Invocation(psql, args, environment(), Optional.of(in), Optional.empty()));
        } catch (CairnException e) {
            if (!e.code().equals("tools.input")) {
                throw e;
            }
            throw CairnException.failed("restore.corrupt", file + " cannot be read to its end ("
                    + e.getCause().getMessage() + "): it is truncated or corrupt; psql was stopped before committing,"
                    + " so the database is as it was", e);
        } catch (IOException e) {
            throw CairnException.usage("restore.unreadable", "cannot read " + file + " as gzip: " + e.getMessage()
                    + "; nothing was changed");
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
