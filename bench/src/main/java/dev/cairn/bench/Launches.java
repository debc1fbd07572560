package dev.cairn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Starts a process, waits for it and returns the wall-clock time from start to exit. */
final class Launches {

    private Launches() {
    }

    /** Fails when the process exits non-zero; {@code inherit} shows its output (used for the build). */
    static long run(List<String> command, Path cwd, boolean inherit) throws IOException, InterruptedException {
        Files.createDirectories(cwd);
        Path log = cwd.resolve("process.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().remove("DATABASE_URL");
        pb.environment().remove("CAIRN_URL");
        pb.environment().remove("CAIRN_DIR");
        if (inherit) {
            pb.inheritIO();
        } else {
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        long start = System.nanoTime();
        Process p = pb.start();
        int code = p.waitFor();
        long took = System.nanoTime() - start;
        if (code != 0) {
            throw new IllegalStateException("exit " + code + " from " + String.join(" ", command)
                    + (inherit ? "" : ":\n" + Files.readString(log)));
        }
        return took;
    }
}
