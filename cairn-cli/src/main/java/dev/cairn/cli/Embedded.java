package dev.cairn.cli;

import dev.cairn.error.CairnException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded PostgreSQL 15 the CLI uses when no database is configured anywhere: started for
 * the run, its data kept in {@code .cairn/data} of the working directory, stopped at the end.
 */
final class Embedded implements AutoCloseable {

    static final String DIRECTORY = ".cairn";
    static final String NOTICE = "no database configured: using the embedded PostgreSQL in " + DIRECTORY
            + "/ \u2014 set DATABASE_URL or --url for yours";

    /** The major version of the PostgreSQL binaries bundled with the CLI (see the root pom). */
    static final int MAJOR = 15;

    private final EmbeddedPostgres postgres;

    private Embedded(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static Embedded start(Path cwd) {
        Path data = cwd.resolve(DIRECTORY).resolve("data");
        try {
            Files.createDirectories(data.getParent());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(freePort())
                    .start();
            return new Embedded(pg);
        } catch (IOException | RuntimeException e) {
            throw CairnException.failed("embedded.start", "cannot start the embedded PostgreSQL in " + data + ": "
                    + e.getMessage() + "; if another cairn process is using it, wait for it; otherwise set"
                    + " DATABASE_URL or --url to use your own PostgreSQL", e);
        }
    }

    /**
     * A throw-away server for scratch databases: its data in a new temporary directory that
     * {@link #close()} removes, nothing kept in the working directory.
     */
    static Embedded scratch() {
        try {
            return new Embedded(EmbeddedPostgres.builder().setCleanDataDirectory(true).setPort(freePort()).start());
        } catch (IOException | RuntimeException e) {
            throw CairnException.failed("embedded.start", "cannot start the embedded PostgreSQL for the scratch"
                    + " database: " + e.getMessage() + "; give --scratch-url URL naming a server where Cairn may"
                    + " create databases", e);
        }
    }

    /**
     * Why the bundled binaries cannot stand in for a server of {@code major}, or empty text when
     * they can: they are never downloaded, only taken from the CLI's own class path.
     */
    static String unavailable(int major) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT);
        String platform = (os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "darwin"
                : os.startsWith("windows") ? "windows" : os) + "-"
                + (arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "arm_64" : arch);
        if (Embedded.class.getResource("/postgres-" + platform + ".txz") == null) {
            return "no embedded PostgreSQL is bundled for " + platform;
        }
        if (major != MAJOR) {
            return "the server runs PostgreSQL " + major + " and the embedded one is " + MAJOR
                    + ", so replays there could behave differently";
        }
        return "";
    }

    /** The JDBC URL of the embedded server's {@code postgres} database. */
    String url() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            // The server stops with the process in any case.
        }
    }
}
