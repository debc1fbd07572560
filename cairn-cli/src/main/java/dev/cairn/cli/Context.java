package dev.cairn.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command runs in: environment variables, working directory, standard streams, and
 * whether a person is at a terminal. Tests pass their own to run commands in-process.
 *
 * @param interactive true when a person can answer prompts (a terminal, and not CI)
 */
public record Context(Map<String, String> env, Path cwd, InputStream in, PrintStream out, PrintStream err,
                      boolean interactive) {

    public Context {
        env = Map.copyOf(env);
        cwd = cwd.toAbsolutePath().normalize();
    }

    /** The real process: its environment, directory and streams. */
    public static Context system() {
        Map<String, String> env = System.getenv();
        boolean ci = ci(env.getOrDefault("CI", ""));
        return new Context(env, Path.of(""), System.in, System.out, System.err, System.console() != null && !ci);
    }

    /**
     * Whether this runs in CI: {@code $CI} set to anything but {@code false} or {@code 0} (CI services
     * set {@code CI=true}; some set {@code 1}).
     */
    public boolean ci() {
        return ci(env("CI"));
    }

    private static boolean ci(String value) {
        String v = value.strip();
        return !v.isEmpty() && !v.equalsIgnoreCase("false") && !v.equals("0");
    }

    /** An environment variable, or empty text. */
    public String env(String name) {
        String v = env.get(name);
        return v == null ? "" : v.strip();
    }

    /** This machine's name, for notifications: $HOSTNAME, else what the JDK finds. */
    public String hostName() {
        if (!env("HOSTNAME").isEmpty()) {
            return env("HOSTNAME");
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** A path as the user wrote it, resolved against the working directory. */
    public Path resolve(String path) {
        return cwd.resolve(path).normalize();
    }
}
