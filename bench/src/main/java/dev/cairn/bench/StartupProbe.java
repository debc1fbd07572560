package dev.cairn.bench;

import dev.cairn.Cairn;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

/**
 * Mains for taking the whole-process time apart (see {@code bench/startup}): {@code empty} returns
 * at once (the JVM's own start and exit), {@code library URL DIR} is a no-op migrate through the
 * library, without the command line around it; {@code stages URL DIR} times, in a cold JVM, the
 * scan of the files, a first connection, and then the whole no-op migrate.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    private static void stages(String url, Path dir) throws Exception {
        long t0 = System.nanoTime();
        int n = new dev.cairn.migration.DirectoryScan(dev.cairn.migration.DirectoryScan.DEFAULT_IGNORE, Map.of())
                .scan(List.of(dir)).migrations().size();
        long t1 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url)) {
            c.isValid(1);
        }
        long t2 = System.nanoTime();
        Cairn.configure().url(url).locations(dir).load().migrate();
        long t3 = System.nanoTime();
        Cairn.configure().url(url).locations(dir).load().migrate();
        long t4 = System.nanoTime();
        System.out.printf("cold scan of %d files %.0f ms; first connection %.0f ms; then no-op migrate %.0f ms;"
                + " a second no-op migrate %.0f ms%n", n, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6);
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("stages")) {
            stages(args[1], Path.of(args[2]));
        } else if (args[0].equals("library")) {
            boolean upToDate = Cairn.configure().url(args[1]).locations(Path.of(args[2])).load().migrate().upToDate();
            System.out.println(upToDate ? "up to date" : "applied");
        }
    }
}
