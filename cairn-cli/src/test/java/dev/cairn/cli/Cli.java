package dev.cairn.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real command line in-process with captured streams. */
final class Cli {

    /** What a run printed and how it ended. */
    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private final Path cwd;
    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";
    private boolean interactive;

    Cli(Path cwd) {
        this.cwd = cwd;
    }

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Pretends a person sits at a terminal and types {@code input}. */
    Cli terminal(String input) {
        this.interactive = true;
        this.stdin = input;
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context ctx = new Context(env, cwd, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                interactive);
        int exit = Main.run(ctx, args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
