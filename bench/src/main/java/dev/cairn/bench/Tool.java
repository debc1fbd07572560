package dev.cairn.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** One migration tool as the harness drives it, in-process and as a process of its own. */
interface Tool {

    /** A timed read-only operation, such as status or validate. */
    record Read(String label, Action action) {
    }

    /** A command line started as a process; {@code label} names it in the tables. */
    record Launch(String label, List<String> command) {
    }

    @FunctionalInterface
    interface Action {
        void run(String url) throws Exception;
    }

    String name();

    /** Applies every migration to an empty database. */
    void apply(String url) throws Exception;

    /** Migrates a database that is up to date; fails when it applied anything. */
    void noop(String url) throws Exception;

    /** Read-only operations with everything applied. */
    List<Read> reads();

    /** Processes for the whole-process no-op benchmark, the migrate one first. */
    List<Launch> launches(String url, Java java);

    /** Successful history rows of this tool's history table. */
    long historyRows(Connection c) throws SQLException;

    /** How to start the harness's own classes in a JVM of their own. */
    record Java(List<String> flags, String classPath, Path root) {
        List<String> main(String mainClass, String... args) {
            List<String> cmd = new java.util.ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(flags);
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add(mainClass);
            cmd.addAll(List.of(args));
            return List.copyOf(cmd);
        }
    }
}
