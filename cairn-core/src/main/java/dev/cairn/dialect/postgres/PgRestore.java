package dev.cairn.dialect.postgres;

import dev.cairn.dialect.Backups;
import dev.cairn.error.CairnException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A restore with a checked tool: pg_restore reads a custom archive itself; a {@code .sql.gz} is
 * unpacked into a private file first (see {@link PlainDump}), which is deleted when the restore is
 * closed, on SIGTERM too (the hook is in place before the file exists), and while psql runs by the
 * watchdog when Cairn dies.
 */
final class PgRestore implements Backups.Restorer {

    private final PgTools tools;
    private final PgTools.Tool tool;
    private final PgTarget target;
    private final boolean archive;

    PgRestore(PgTools tools, PgTools.Tool tool, PgTarget target, boolean archive) {
        this.tools = tools;
        this.tool = tool;
        this.target = target;
        this.archive = archive;
    }

    @Override
    public String tool() {
        return tool.name();
    }

    @Override
    public Backups.Ready ready(Path file, String shown) {
        if (archive) {
            return new Ready(Optional.empty(), Optional.empty(), file, shown);
        }
        AtomicReference<Path> made = new AtomicReference<>();
        Thread cleanup = new Thread(() -> Optional.ofNullable(made.get()).ifPresent(PlainDump::deleteQuietly),
                "cairn-restore-cleanup");
        Optional<Thread> hook = addHook(cleanup) ? Optional.of(cleanup) : Optional.empty();
        Path script;
        try {
            script = PlainDump.create(shown, Path.of(System.getProperty("java.io.tmpdir")));
        } catch (CairnException e) {
            hook.ifPresent(PgRestore::removeHook);
            throw e;
        }
        made.set(script);
        Ready ready = new Ready(Optional.of(script), hook, file, shown);
        try {
            PlainDump.unpack(file, shown, script);
            return ready;
        } catch (RuntimeException e) {
            ready.close();
            throw e;
        }
    }

    /** The file ready, and what closing removes: the unpacked script and the hook that would delete it. */
    private final class Ready implements Backups.Ready {
        private final Optional<Path> script;
        private final Optional<Thread> hook;
        private final Path file;
        private final String shown;

        Ready(Optional<Path> script, Optional<Thread> hook, Path file, String shown) {
            this.script = script;
            this.hook = hook;
            this.file = file;
            this.shown = shown;
        }

        @Override
        public Backups.Finished run() {
            PgTools.Finished f = script.map(this::restoreSql).orElseGet(this::restoreArchive);
            return new Backups.Finished(f.exitCode(), f.stderr());
        }

        private PgTools.Finished restoreArchive() {
            List<String> args = new ArrayList<>(PgBackups.PG_RESTORE);
            args.add("--no-password");
            args.addAll(target.arguments());
            args.add(file.toString());
            return tools.run(new PgTools.Invocation(tool, args, environment(), Optional.empty(), Optional.empty()));
        }

        /**
         * psql reads the unpacked file itself ({@code -f}), so its input is complete whatever happens to
         * Cairn, and {@code --single-transaction} commits only after its last statement. The {@code -c
         * \restrict KEY} before it puts psql in restricted mode with a key the file cannot know: every
         * backslash meta-command in the file is then refused, and ON_ERROR_STOP rolls the restore back.
         */
        private PgTools.Finished restoreSql(Path unpacked) {
            List<String> args = new ArrayList<>(PgBackups.PSQL);
            args.addAll(List.of("--no-password", "-c", "\\restrict " + key(), "-f", unpacked.toString()));
            args.addAll(target.arguments());
            PgTools.Finished f = tools.run(new PgTools.Invocation(tool, args, environment(), Optional.empty(),
                    Optional.of(unpacked)));
            return new PgTools.Finished(f.exitCode(), f.stderr().replace(unpacked.toString(), shown));
        }

        @Override
        public void close() {
            script.ifPresent(PlainDump::deleteQuietly);
            hook.ifPresent(PgRestore::removeHook);
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(target.environment());
        env.putIfAbsent("PGAPPNAME", "cairn restore");
        return env;
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
}
