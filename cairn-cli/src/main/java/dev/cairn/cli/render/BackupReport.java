package dev.cairn.cli.render;

import dev.cairn.cli.Console;
import dev.cairn.dialect.postgres.PgTools;
import dev.cairn.engine.BackupResult;
import dev.cairn.engine.RestoreResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How backups and restores are told: the file, its size, the exact commands that restore it, and
 * the old backups the retention deleted. Paths below the working directory print relative to it.
 */
public final class BackupReport {

    private BackupReport() {
    }

    /**
     * The {@code cairn restore} command for a backup, with the {@code --env} it was taken in.
     *
     * @param environment the environment's name, or empty text
     */
    public static String restoreCommand(Path file, String environment) {
        return PgTools.commandLine(environment.isEmpty() ? List.of("cairn", "restore", file.toString())
                : List.of("cairn", "restore", file.toString(), "--env", environment));
    }

    /** Lines for a person: what was written, how to restore it, what the retention deleted. */
    public static void text(Console c, BackupResult r, String environment, Optional<Integer> keepDays) {
        c.out("backed up " + r.database() + " to " + r.file() + " (" + r.format().label() + ", " + Text.bytes(r.bytes())
                + " in " + Text.millis(r.duration()) + ")");
        c.out("  restore with: " + restoreCommand(r.file(), environment));
        c.out("  or without Cairn: " + r.restoreCommand() + "   (password from PGPASSWORD or ~/.pgpass)");
        if (!r.partials().isEmpty()) {
            c.out("  removed " + r.partials().size() + " .partial file" + (r.partials().size() == 1 ? "" : "s")
                    + " left by killed backups of " + r.database() + ":");
            r.partials().forEach(f -> c.out("    " + f));
        }
        keepDays.ifPresent(days -> {
            if (r.deleted().isEmpty()) {
                c.out("  retention: no backups of " + r.database() + " older than " + days + " days");
            } else {
                c.out("  retention: deleted " + r.deleted().size() + " backup" + (r.deleted().size() == 1 ? "" : "s")
                        + " of " + r.database() + " older than " + days + " days:");
                r.deleted().forEach(f -> c.out("    " + f));
            }
        });
    }

    /** The {@code backup --json} document. */
    public static Map<String, Object> json(BackupResult r, String environment, Optional<Integer> keepDays) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("database", r.database());
        doc.put("file", r.file().toString());
        doc.put("format", r.format().label());
        doc.put("bytes", r.bytes());
        doc.put("durationMs", r.duration().toMillis());
        doc.put("restoreCommand", restoreCommand(r.file(), environment));
        doc.put("toolCommand", r.restoreCommand());
        doc.put("keepDays", keepDays.orElse(null));
        doc.put("deleted", r.deleted().stream().map(Path::toString).toList());
        doc.put("partialsRemoved", r.partials().stream().map(Path::toString).toList());
        return doc;
    }

    /** The {@code restore --json} document. */
    public static Map<String, Object> json(RestoreResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("database", r.database());
        doc.put("file", r.file().toString());
        doc.put("format", r.format().label());
        doc.put("durationMs", r.duration().toMillis());
        return doc;
    }
}
