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
