package dev.cairn.dialect.postgres;

import dev.cairn.config.DatabaseUrl;
import dev.cairn.dialect.Backups;
import dev.cairn.error.CairnException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Backups with PostgreSQL's client tools: pg_dump writes a custom archive or plain SQL (with DROP …
 * IF EXISTS before each object, gzipped on the way), pg_restore {@code --clean --if-exists --no-owner
 * --single-transaction} restores an archive, and psql {@code -v ON_ERROR_STOP=1 --single-transaction},
 * in restricted mode, runs the SQL unpacked into a private file (see {@link PlainDump} and
 * {@link PgRestore}). Each tool's version is checked against the server first; the tools die with
 * Cairn (see {@link PgTools}).
 */
final class PgBackups implements Backups {

    static final List<String> PG_RESTORE = List.of("--clean", "--if-exists", "--no-owner", "--single-transaction");
    static final List<String> PSQL = List.of("-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction");
    private static final Tools TOOLS = new Tools("pg_dump", "pg_restore", "psql");

    @Override
    public Tools tools() {
        return TOOLS;
    }

    /** A custom archive starts with "PGDMP". */
    @Override
    public boolean isArchive(byte[] head) {
        return head.length >= 5 && new String(head, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("PGDMP");
    }

    @Override
    public String describe(DatabaseUrl url) {
        return PgTarget.of(url).describe();
    }

    @Override
    public Dump dump(DatabaseUrl url, Map<String, String> environment, int serverMajor) {
        PgTools tools = new PgTools(environment);
        PgTools.Tool pgDump = tools.require(TOOLS.dump(), serverMajor);
        PgTarget target = PgTarget.of(url);
        return (archive, file) -> {
            PgTools.Finished f = archive
                    ? tools.run(invocation(target, pgDump, List.of("--format=custom", "--file=" + file), Optional.empty()))
                    : dumpPlain(tools, target, pgDump, file);
            return new Finished(f.exitCode(), f.stderr());
        };
    }

    /** Plain SQL with DROP … IF EXISTS before each object, so that psql can restore it over a live database. */
    private static PgTools.Finished dumpPlain(PgTools tools, PgTarget target, PgTools.Tool pgDump, Path file)
            throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            return tools.run(invocation(target, pgDump, List.of("--format=plain", "--clean", "--if-exists",
                    "--no-owner"), Optional.of(out)));
        }
    }

    private static PgTools.Invocation invocation(PgTarget target, PgTools.Tool tool, List<String> options,
                                                 Optional<OutputStream> out) {
        List<String> args = new ArrayList<>(options);
        args.add("--no-password");
        args.addAll(target.arguments());
        Map<String, String> env = new LinkedHashMap<>(target.environment());
        env.putIfAbsent("PGAPPNAME", "cairn backup");
        return new PgTools.Invocation(tool, args, env, out, Optional.empty());
    }

    @Override
    public Restorer restorer(DatabaseUrl url, Map<String, String> environment, int serverMajor, boolean archive) {
        PgTools tools = new PgTools(environment);
        PgTools.Tool tool = archive ? tools.require(TOOLS.archive(), serverMajor)
                : restricting(tools.find(TOOLS.sql(), serverMajor), serverMajor);
        return new PgRestore(tools, tool, PgTarget.of(url), archive);
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

    /** The client-tool command that restores {@code file}, for a person to copy; without the password. */
    @Override
    public String restoreCommand(DatabaseUrl url, boolean archive, Path file) {
        PgTarget target = PgTarget.of(url);
        if (archive) {
            List<String> words = new ArrayList<>(List.of(TOOLS.archive()));
            words.addAll(PG_RESTORE);
            words.addAll(target.arguments());
            words.add(file.toString());
            return PgTools.commandLine(words);
        }
        List<String> psql = new ArrayList<>(List.of(TOOLS.sql()));
        psql.addAll(PSQL);
        psql.addAll(target.arguments());
        return PgTools.commandLine(List.of("gunzip", "-c", file.toString())) + " | " + PgTools.commandLine(psql);
    }
}
