package dev.cairn.dialect.postgres;

import dev.cairn.error.CairnException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's client tools as child processes: found on the {@code PATH}, their version checked
 * against the server's (pg_dump refuses to dump a newer server, and pg_restore cannot read a newer
 * archive), run with the password in their environment only, their standard error kept for the
 * message when they fail.
 */
public final class PgTools {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");
    private static final int STDERR_LIMIT = 16_000;

    private final Map<String, String> environment;

    /**
     * @param environment variables set for the children on top of this process's environment; its
     *                    {@code PATH}, when present, is also where the tools are looked for
     */
    public PgTools(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A tool found on the PATH, with the major version it reported. */
    public record Tool(String name, Path path, int major, String version) {
    }

    /**
     * What to run: a tool, its arguments, extra environment (the password), what to feed its
     * standard input and where its standard output goes (discarded when empty).
     */
    public record Invocation(Tool tool, List<String> arguments, Map<String, String> environment,
                             Optional<InputStream> stdin, Optional<OutputStream> stdout) {
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
                Map.of(), Optional.empty(), Optional.of(out)));
        String text = out.toString(StandardCharsets.UTF_8);
        if (!f.ok()) {
            throw CairnException.usage("tools.version", path + " --version failed (exit " + f.exitCode() + "): "
                    + f.stderr().strip());
        }
        return text;
    }

    /**
     * Runs the tool to its end. Standard input is fed and standard error read on threads of their
     * own, so a chatty child never blocks on a full pipe. When reading the input fails (a corrupt
     * file), the child is killed before its input is closed, so {@code psql --single-transaction}
     * never reaches the end of its input and commits half a restore.
     *
     * @throws CairnException exit 1 when the input or output cannot be read or written; the child is stopped
     */
    public Finished run(Invocation call) {
        Process process = start(call);
        ChildStreams.Drain errors = new ChildStreams.Drain(process.getErrorStream(), STDERR_LIMIT);
        ChildStreams.Feed feed = call.stdin().map(in -> new ChildStreams.Feed(in, process)).orElse(null);
        String tool = call.tool().name();
        try {
            if (call.stdout().isPresent()) {
                process.getInputStream().transferTo(call.stdout().get());
            }
            int exit = process.waitFor();
            if (feed != null) {
                feed.join();
                if (feed.failure() != null) {
                    throw CairnException.failed("tools.input", "reading the input of " + tool + " failed: "
                            + feed.failure().getMessage() + "; " + tool + " was stopped before it could finish",
                            feed.failure());
                }
            }
            errors.join();
            return new Finished(exit, redact(errors.text(), call.environment()));
        } catch (IOException e) {
            process.destroyForcibly();
            throw CairnException.failed("tools.output", "writing the output of " + tool + " failed: " + e.getMessage()
                    + "; " + tool + " was stopped", e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw CairnException.failed("tools.interrupted", tool + " was interrupted and stopped", e);
        }
    }

    private Process start(Invocation call) {
        List<String> command = new ArrayList<>();
        command.add(call.tool().path().toString());
        command.addAll(call.arguments());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        pb.environment().putAll(call.environment());
        pb.redirectOutput(call.stdout().isPresent() ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
        if (call.stdin().isEmpty()) {
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
