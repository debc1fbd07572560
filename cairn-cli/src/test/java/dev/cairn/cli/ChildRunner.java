package dev.cairn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real command line in a JVM of its own, for tests that kill it or hold its lock from outside. */
final class ChildRunner {

    private ChildRunner() {
    }

    /** Starts {@code cairn ARGS}; its output goes to {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        return start(List.of(), log, args);
    }

    /** Starts {@code cairn ARGS} in a JVM with {@code jvmOptions} (such as {@code -Djava.io.tmpdir=…}). */
    static Process start(List<String> jvmOptions, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
