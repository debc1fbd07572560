package dev.cairn.dialect.postgres;

import dev.cairn.error.CairnException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's client tools as child processes: found on the {@code PATH}, their version checked
 * against the server's (pg_dump refuses to dump a newer server, and pg_restore cannot read a newer
 * archive), run with the password in their environment only, their standard error kept for the
 * message when they fail.
 *
 * <p>A child never outlives Cairn. Java cannot set a parent-death signal ({@code prctl}) or a process
 * group, so on POSIX systems each tool runs under a small {@code /bin/sh} watchdog: the tool is
 * started in the background with its standard input from {@code /dev/null}, and the watchdog blocks
 * reading a pipe whose only writing end is held by Cairn, which never writes to it. The pipe reaches
 * end-of-file exactly when Cairn closes it or dies, however it dies (SIGKILL included, since the
 * kernel closes a dead process's descriptors), and the watchdog then kills the tool with SIGKILL. On
 * a normal end the watchdog is stopped first. A shutdown hook (SIGTERM, SIGINT) closes the pipe and
 * waits for the tool to be gone before Cairn exits. Without {@code /bin/sh} (Windows) only the hook
 * applies.
 */
public final class PgTools {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");
    private static final int STDERR_LIMIT = 16_000;

    /** The watchdog's environment variable naming the private file to delete when the tool ends. */
    private static final String SCRATCH = "CAIRN_SCRATCH_FILE";
    private static final Path SHELL = Path.of("/bin/sh");

    /**
     * The watchdog, {@code sh -c WATCHDOG cairn-watchdog TOOL ARGS…}: fd 3 keeps the pipe from Cairn,
     * the tool gets {@code /dev/null} and not the pipe, the reader loop ends only at the pipe's EOF
     * (Cairn closed it or died) and then kills the tool. When the tool ends by itself the reader is
     * stopped first, so it never kills a process id that may have been reused.
     */
    static final String WATCHDOG = String.join("\n",
            "exec 3<&0 </dev/null",
            "\"$@\" 3<&- &",
            "tool=$!",
            "{ while read -r line; do :; done <&3; kill -KILL \"$tool\" 2>/dev/null; } &",
            "reader=$!",
            "exec 3<&-",
            "wait \"$tool\"",
            "status=$?",
            "kill \"$reader\" 2>/dev/null",
            "[ -z \"${CAIRN_SCRATCH_FILE:-}\" ] || rm -f -- \"$CAIRN_SCRATCH_FILE\"",
            "exit \"$status\"");

    private final Map<String, String> environment;
    private final boolean watchdog;

    /**
     * @param environment variables set for the children on top of this process's environment; its
     *                    {@code PATH}, when present, is also where the tools are looked for
     */
    public PgTools(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.watchdog = File.separatorChar == '/' && Files.isExecutable(SHELL);
    }

    /** A tool found on the PATH, with the major version it reported. */
    public record Tool(String name, Path path, int major, String version) {
    }

    /**
     * What to run: a tool, its arguments, extra environment (the password), where its standard
     * output goes (discarded when empty), and a private file it reads that is deleted when it ends,
     * by the watchdog too when Cairn was killed (empty when there is none). Its standard input is
     * never data: it is {@code /dev/null}.
     */
    public record Invocation(Tool tool, List<String> arguments, Map<String, String> environment,
                             Optional<OutputStream> stdout, Optional<Path> scratch) {
        public Invocation {
            arguments = List.copyOf(arguments);
            environment = Map.copyOf(environment);
        }
    }

    /** How a run ended; {@code stderr} has any known password replaced by {@code ***}. */
    public record Finished(int exitCode, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * The tool, at least as new as the server's major version: pg_dump refuses to dump a newer
     * server, and pg_restore cannot read the archives a newer pg_dump writes.
     *
     * @throws CairnException a usage error (exit 2) naming the client tools to install
     */
    public Tool require(String name, int serverMajor) {
        Tool tool = find(name, serverMajor);
        if (tool.major() < serverMajor) {
            throw CairnException.usage("tools.too-old", name + " " + tool.version() + " (" + tool.path() + ") is older"
                    + " than the server, PostgreSQL " + serverMajor + ", and cannot work with it; "
                    + install(serverMajor));
        }
        return tool;
    }

    /**
     * The tool, whatever its version ({@code psql} of any recent version runs a plain dump).
     *
     * @throws CairnException a usage error (exit 2) naming the client tools to install
     */
    public Tool find(String name, int serverMajor) {
        Path path = locate(name).orElseThrow(() -> CairnException.usage("tools.missing", name
                + " is not on the PATH" + searched() + "; " + install(serverMajor)));
        String text = versionText(path);
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            throw CairnException.usage("tools.version", path + " --version printed '" + text.strip()
                    + "', not a PostgreSQL version; " + install(serverMajor));
        }
        String version = m.group(1) + (m.group(2) == null ? "" : "." + m.group(2));
        return new Tool(name, path, Integer.parseInt(m.group(1)), version);
    }

    /**
     * Whether psql knows {@code \restrict}, which came in 13.22, 14.19, 15.14, 16.10, 17.6 and 18:
     * the restricted mode that refuses every other meta-command.
     */
    public static boolean restricts(Tool psql) {
        Matcher m = VERSION.matcher("(PostgreSQL) " + psql.version());
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return switch (major) {
            case 13 -> minor >= 22;
            case 14 -> minor >= 19;
            case 15 -> minor >= 14;
            case 16 -> minor >= 10;
            case 17 -> minor >= 6;
            default -> major >= 18;
        };
    }

    private static String install(int major) {
        return "install the PostgreSQL " + major + " client tools (Debian/Ubuntu: apt-get install postgresql-client-"
                + major + "; RHEL/Fedora: dnf install postgresql" + major + "; macOS: brew install postgresql@" + major
                + ") and put their bin directory first on PATH";
    }

    private String searched() {
        String path = pathVariable();
        return path.isBlank() ? " (PATH is empty)" : " (searched " + path + ")";
    }

    private String pathVariable() {
        String p = environment.containsKey("PATH") ? environment.get("PATH") : System.getenv("PATH");
        return p == null ? "" : p;
    }

    /** The tool's executable on the PATH of the children's environment. */
    Optional<Path> locate(String name) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        for (String dir : pathVariable().split(Pattern.quote(File.pathSeparator))) {
            if (dir.isBlank()) {
                continue;
            }
            for (String file : windows ? List.of(name + ".exe", name) : List.of(name)) {
                Path p = Path.of(dir, file);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }

    private String versionText(Path path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Finished f = run(new Invocation(new Tool(path.getFileName().toString(), path, 0, ""), List.of("--version"),
                Map.of(), Optional.of(out), Optional.empty()));
        String text = out.toString(StandardCharsets.UTF_8);
        if (!f.ok()) {
            throw CairnException.usage("tools.version", path + " --version failed (exit " + f.exitCode() + "): "
                    + f.stderr().strip());
        }
        return text;
    }

    /**
     * Runs the tool to its end. Standard error is read on a thread of its own, so a chatty child
     * never blocks on a full pipe. The child dies with Cairn (see the class comment).
     *
     * @throws CairnException exit 1 when the output cannot be written; the child is stopped
     */
    public Finished run(Invocation call) {
        Process process = start(call);
        Thread hook = new Thread(() -> stop(process), "cairn-stop-" + call.tool().name());
        boolean hooked = addHook(hook);
        ChildStreams.Drain errors = new ChildStreams.Drain(process.getErrorStream(), STDERR_LIMIT);
        String tool = call.tool().name();
        try {
            if (call.stdout().isPresent()) {
                process.getInputStream().transferTo(call.stdout().get());
            }
            int exit = process.waitFor();
            errors.join();
            return new Finished(exit, redact(errors.text(), call.environment()));
        } catch (IOException e) {
            stop(process);
            throw CairnException.failed("tools.output", "writing the output of " + tool + " failed: " + e.getMessage()
                    + "; " + tool + " was stopped", e);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw CairnException.failed("tools.interrupted", tool + " was interrupted and stopped", e);
        } finally {
            closeQuietly(process.getOutputStream());
            if (hooked) {
                removeHook(hook);
            }
        }
    }

    /**
     * Stops a child and waits for it: closing the watchdog's pipe makes it kill the tool at once;
     * without a watchdog, or if it does not end, the process is killed directly.
     */
    private void stop(Process process) {
        closeQuietly(process.getOutputStream());
        try {
            if (!watchdog || !process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false; // the JVM is shutting down: the watchdog still ends the child with it
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down: the hook runs and finds the child gone.
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // The watchdog is gone already.
        }
    }

    private Process start(Invocation call) {
        List<String> command = new ArrayList<>();
        if (watchdog) {
            command.addAll(List.of(SHELL.toString(), "-c", WATCHDOG, "cairn-watchdog"));
        }
        command.add(call.tool().path().toString());
        command.addAll(call.arguments());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        pb.environment().putAll(call.environment());
        pb.environment().remove(SCRATCH);
        call.scratch().ifPresent(p -> pb.environment().put(SCRATCH, p.toString()));
        pb.redirectOutput(call.stdout().isPresent() ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
        if (!watchdog) {
            pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        }
        try {
            return pb.start();
        } catch (IOException e) {
            throw CairnException.usage("tools.start", "cannot start " + call.tool().path() + ": " + e.getMessage());
        }
    }

    private static File nullDevice() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }

    private String redact(String text, Map<String, String> extra) {
        String t = text;
        for (Map<String, String> env : List.of(extra, environment)) {
            String password = env.get("PGPASSWORD");
            if (password != null && !password.isEmpty()) {
                t = t.replace(password, "***");
            }
        }
        return t;
    }

    /** A tool's error output for a message: each line indented by two spaces, blank lines dropped. */
    public static String indent(String stderr) {
        return stderr.strip().lines().filter(l -> !l.isBlank()).map(l -> "  " + l)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** Shell text of a command, quoted where needed, for a person to copy; never holds a password. */
    public static String commandLine(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String w : words) {
            quoted.add(w.matches("[A-Za-z0-9_./:=@%+,-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }
}
