package dev.cairn.testing;

import dev.cairn.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The PostgreSQL server the tests use, once per JVM: {@code CAIRN_TEST_DATABASE_URL} when set
 * (a fast local service; the URL names a database to connect to for creating others), otherwise
 * an embedded PostgreSQL 15 started on first use and stopped when the JVM exits.
 */
public final class PostgresServer {

    /** Environment variable naming an existing server. */
    public static final String ENV = "CAIRN_TEST_DATABASE_URL";

    private static final class Holder {
        static final DatabaseUrl ADMIN = start();
    }

    private PostgresServer() {
    }

    /** A URL of the server's maintenance database. */
    public static DatabaseUrl admin() {
        return Holder.ADMIN;
    }

    private static DatabaseUrl start() {
        String url = System.getenv(ENV);
        if (url != null && !url.isBlank()) {
            return DatabaseUrl.parse(url);
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return DatabaseUrl.parse("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL for the tests", e);
        }
    }
}
